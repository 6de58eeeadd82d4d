package io.nurtureflow.process;

import io.nurtureflow.sop.Plans;
import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_STEP;

/**
 * A flow built from the "Push SOP content" element template queues one step of a plan for the lead: it goes with the
 * next send window that may carry it, in the rep's batch for that step. The plan comes without a version in such a
 * flow: the newest version is pinned on first use.
 */
@Component
class PushSopContentDelegate implements JavaDelegate {

    private final Plans plans;
    private final Pushes pushes;

    PushSopContentDelegate(Plans plans, Pushes pushes) {
        this.plans = plans;
        this.pushes = pushes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object stepValue = execution.getVariable(PUSH_STEP);
        int step = stepValue instanceof Number n ? n.intValue() : Integer.parseInt(stepValue.toString().trim());
        String planKey = (String) execution.getVariable(PLAN_KEY);
        Integer version = (Integer) execution.getVariable(PLAN_VERSION);
        if (version == null) {
            version = plans.latest(planKey).version();
            execution.setVariable(PLAN_VERSION, version);
        }
        pushes.queue((String) execution.getVariable(CUSTOMER_ID), planKey, version, step);
    }
}
