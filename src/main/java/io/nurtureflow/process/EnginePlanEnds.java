package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.sop.PlanEnds;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.MSG_PLAN_FINISHED;

/** A lead's plan has nothing left: its flow, waiting at "Plan finished", goes on. */
@Component
class EnginePlanEnds implements PlanEnds {

    private static final int ATTEMPTS = 3;

    private final RuntimeService runtime;
    private final Customers customers;

    EnginePlanEnds(RuntimeService runtime, Customers customers) {
        this.runtime = runtime;
        this.customers = customers;
    }

    @Override
    public void planEnded(String customerId, String planKey) {
        String instance = customers.get(customerId).lifecycleInstanceId();
        if (instance == null) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                runtime.createMessageCorrelation(MSG_PLAN_FINISHED).processInstanceId(instance).correlateWithResult();
                return;
            } catch (MismatchingMessageCorrelationException notWaiting) {
                // a flow built without the wait, or one that has moved on (silent, converted): nothing to tell
                return;
            } catch (OptimisticLockingException busy) {
                if (attempt == ATTEMPTS) {
                    throw busy;
                }
            }
        }
    }
}
