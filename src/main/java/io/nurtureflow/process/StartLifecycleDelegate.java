package io.nurtureflow.process;

import io.nurtureflow.customer.MatchOutcome;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.MATCH_OUTCOME;

@Component
class StartLifecycleDelegate implements JavaDelegate {

    private final LifecycleStarter starter;

    StartLifecycleDelegate(LifecycleStarter starter) {
        this.starter = starter;
    }

    /** lead-intake creates the customer of a lead that matched nobody just before it starts its lifecycle. */
    @Override
    public void execute(DelegateExecution execution) {
        boolean createdJustNow = MatchOutcome.NEW.name().equals(execution.getVariable(MATCH_OUTCOME));
        starter.start((String) execution.getVariable(CUSTOMER_ID), createdJustNow);
    }
}
