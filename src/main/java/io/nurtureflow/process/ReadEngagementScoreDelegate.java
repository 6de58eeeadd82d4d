package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.ENGAGEMENT_SCORE;

/** Hands the lead's score to the score gateway after it, so it decides on the number as it is now. */
@Component
class ReadEngagementScoreDelegate implements JavaDelegate {

    private final Customers customers;

    ReadEngagementScoreDelegate(Customers customers) {
        this.customers = customers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TransientVariables.set(execution, ENGAGEMENT_SCORE,
                customers.get((String) execution.getVariable(CUSTOMER_ID)).score());
    }
}
