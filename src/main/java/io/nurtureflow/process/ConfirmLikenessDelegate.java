package io.nurtureflow.process;

import io.nurtureflow.customer.CrmMatching;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CANDIDATE_ID;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_ID;

/** A sales lead said the likeness is the same person: route the lead as an exact match of that customer. */
@Component
class ConfirmLikenessDelegate implements JavaDelegate {

    private final CrmMatching matching;

    ConfirmLikenessDelegate(CrmMatching matching) {
        this.matching = matching;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MatchLeadDelegate.write(execution, matching.confirmLikeness((Long) execution.getVariable(LEAD_ID),
                (String) execution.getVariable(CANDIDATE_ID)));
    }
}
