package io.nurtureflow.process;

import io.nurtureflow.customer.CrmMatching;
import io.nurtureflow.customer.Customers;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_ID;
import static io.nurtureflow.process.ProcessVocabulary.MSG_TOUCHPOINT_ADDED;
import static io.nurtureflow.process.ProcessVocabulary.TOUCHPOINT_CHANNEL_ID;

/**
 * Tells the customer's running lifecycle that the lead came in again, so it can apply the new channel's tags.
 * Runs as its own job: simultaneous touchpoints of one customer would otherwise collide on the lifecycle's
 * execution and roll back each other's intake; as jobs, a conflict is simply retried.
 */
@Component
class NotifyLifecycleDelegate implements JavaDelegate {

    private final RuntimeService runtime;
    private final Customers customers;
    private final CrmMatching matching;

    NotifyLifecycleDelegate(RuntimeService runtime, Customers customers, CrmMatching matching) {
        this.runtime = runtime;
        this.customers = customers;
        this.matching = matching;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var customer = customers.get((String) execution.getVariable(CUSTOMER_ID));
        if (customer.lifecycleInstanceId() == null) {
            return;
        }
        var lead = matching.lead((Long) execution.getVariable(LEAD_ID));
        var correlation = runtime.createMessageCorrelation(MSG_TOUCHPOINT_ADDED)
                .processInstanceId(customer.lifecycleInstanceId());
        if (lead.channelId() != null) {
            correlation.setVariableLocal(TOUCHPOINT_CHANNEL_ID, lead.channelId());
        }
        // the lifecycle may have ended since the match: then there is nobody to tell, which is no failure
        correlation.correlateAllWithResult();
    }
}
