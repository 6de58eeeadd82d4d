package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.Stage;
import io.nurtureflow.followup.FollowUps;
import io.nurtureflow.segment.Segments;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_OPEN;

/** A sign of intent: the lead is engaged, and joins its open follow-up if there is one. */
@Component
class RecordEngagementDelegate implements JavaDelegate {

    private final Customers customers;
    private final Segments segments;
    private final FollowUps followUps;

    RecordEngagementDelegate(Customers customers, Segments segments, FollowUps followUps) {
        this.customers = customers;
        this.segments = segments;
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String customerId = (String) execution.getVariable(CUSTOMER_ID);
        if (customers.get(customerId).stage() != Stage.ENGAGED) {
            segments.engaged(customerId);
        }
        TransientVariables.set(execution, FOLLOW_UP_OPEN, followUps.joinOpenFollowUp(customerId, "engaged again"));
    }
}
