package io.nurtureflow.process;

import io.nurtureflow.customer.CrmMatching;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CANDIDATE_ID;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_ID;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;

@Component
class CreateCustomerDelegate implements JavaDelegate {

    private final CrmMatching matching;

    CreateCustomerDelegate(CrmMatching matching) {
        this.matching = matching;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long leadId = (Long) execution.getVariable(LEAD_ID);
        // set only when lead-intake asked a sales lead, who kept the lead apart from that customer
        String keptApartFrom = (String) execution.getVariable(CANDIDATE_ID);
        execution.setVariable(CUSTOMER_ID, matching.createCustomer(leadId, keptApartFrom));
        execution.setVariable(OWNER_REP, matching.lead(leadId).assignedRep());
    }
}
