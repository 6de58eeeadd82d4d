package io.nurtureflow.process;

import io.nurtureflow.customer.CrmMatching;
import io.nurtureflow.customer.MatchOutcome;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_ID;
import static io.nurtureflow.process.ProcessVocabulary.MATCH_OUTCOME;

@Component
class AddTouchpointDelegate implements JavaDelegate {

    private final CrmMatching matching;

    AddTouchpointDelegate(CrmMatching matching) {
        this.matching = matching;
    }

    @Override
    public void execute(DelegateExecution execution) {
        matching.addTouchpoint((Long) execution.getVariable(LEAD_ID), (String) execution.getVariable(CUSTOMER_ID),
                MatchOutcome.valueOf((String) execution.getVariable(MATCH_OUTCOME)));
    }
}
