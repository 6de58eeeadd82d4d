package io.nurtureflow.process;

import io.nurtureflow.sop.Plans;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.nurtureflow.process.ProcessVocabulary.CHANNEL_ID;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;
import static io.nurtureflow.process.ProcessVocabulary.SILENCE_AFTER;

/**
 * Pins the lead's SOP plan once tagging is done: the one the tagging decision named in {@code planKey}, else the
 * channel's. The version is fixed from then on, and so is the plan's silence period, which the engagement watch
 * needs before the first push is even planned.
 */
@Component
class PinSopPlanDelegate implements JavaDelegate {

    private final Plans plans;

    PinSopPlanDelegate(Plans plans) {
        this.plans = plans;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object channel = execution.getVariable(CHANNEL_ID);
        var plan = plans.choose((String) execution.getVariable(PLAN_KEY),
                channel == null ? null : ((Number) channel).longValue());
        execution.setVariable(PLAN_KEY, plan.key());
        execution.setVariable(PLAN_VERSION, plan.version());
        execution.setVariable(SILENCE_AFTER, plans.silencePeriod(plan).toString());
    }
}
