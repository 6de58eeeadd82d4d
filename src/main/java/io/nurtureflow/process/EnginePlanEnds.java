package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.sop.PlanEnds;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.MSG_PLAN_FINISHED;

/**
 * A lead's plan has nothing left: an admin's flow waiting for Msg_PlanFinished goes on. A flow that does not wait for
 * it (the shipped lifecycle, or one moved on: silent, converted) is asked first rather than met with a failed
 * correlation: called inside a send-window job, a failed correlation marks the job's transaction rollback-only even
 * when it is caught, and the job's retry finds its batch sent and tells nobody.
 */
@Component
class EnginePlanEnds implements PlanEnds {

    private final RuntimeService runtime;
    private final Customers customers;

    EnginePlanEnds(RuntimeService runtime, Customers customers) {
        this.runtime = runtime;
        this.customers = customers;
    }

    @Override
    public void planEnded(String customerId, String planKey) {
        String instance = customers.get(customerId).lifecycleInstanceId();
        if (instance == null || runtime.createEventSubscriptionQuery().processInstanceId(instance)
                .eventType("message").eventName(MSG_PLAN_FINISHED).count() == 0) {
            return;
        }
        runtime.createMessageCorrelation(MSG_PLAN_FINISHED).processInstanceId(instance).correlateWithResult();
    }
}
