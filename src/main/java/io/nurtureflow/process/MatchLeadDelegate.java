package io.nurtureflow.process;

import io.nurtureflow.customer.CrmMatching;
import io.nurtureflow.customer.MatchStrength;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CANDIDATE_ID;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_ID;
import static io.nurtureflow.process.ProcessVocabulary.MATCH_OUTCOME;
import static io.nurtureflow.process.ProcessVocabulary.MATCH_STRENGTH;
import static io.nurtureflow.process.ProcessVocabulary.OWNERSHIP;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;

@Component
class MatchLeadDelegate implements JavaDelegate {

    private final CrmMatching matching;

    MatchLeadDelegate(CrmMatching matching) {
        this.matching = matching;
    }

    @Override
    public void execute(DelegateExecution execution) {
        write(execution, matching.match((Long) execution.getVariable(LEAD_ID)));
    }

    /** The variables lead-intake's gateways route by; a likeness names its candidate, never the customer yet. */
    static void write(DelegateExecution execution, CrmMatching.Match match) {
        execution.setVariable(MATCH_STRENGTH, match.strength().name());
        execution.setVariable(MATCH_OUTCOME, match.outcome().name());
        execution.setVariable(OWNERSHIP, match.ownership().name());
        if (match.strength() == MatchStrength.WEAK) {
            execution.setVariable(CANDIDATE_ID, match.customerId());
        } else if (match.customerId() != null) {
            execution.setVariable(CUSTOMER_ID, match.customerId());
            execution.setVariable(OWNER_REP, match.ownerRep());
        }
    }
}
