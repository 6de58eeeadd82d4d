package io.nurtureflow.process;

import io.nurtureflow.segment.Segments;
import io.nurtureflow.sop.Delivery;
import io.nurtureflow.sop.Plans;
import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.CAPTURED_AT;
import static io.nurtureflow.process.ProcessVocabulary.CHANNEL_ID;
import static io.nurtureflow.process.ProcessVocabulary.CONFIRM_WITHIN;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.LAST_STEP;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_DUE;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_LEFT;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_NEEDS_CONFIRM;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_STEP;
import static io.nurtureflow.process.ProcessVocabulary.REMIND_CYCLE;

/**
 * Finds the lead's next step and when the send policy lets it go out. The first time it also pins the plan: the
 * one the tagging decision named in {@code planKey}, else the channel's; the version is fixed from then on.
 */
@Component
class PlanNextPushDelegate implements JavaDelegate {

    private final Plans plans;
    private final Pushes pushes;
    private final Segments segments;

    PlanNextPushDelegate(Plans plans, Pushes pushes, Segments segments) {
        this.plans = plans;
        this.pushes = pushes;
        this.segments = segments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (segments.hasOptedOut((String) execution.getVariable(CUSTOMER_ID))) {
            execution.setVariable(PUSH_LEFT, false);
            return;
        }
        if (execution.getVariable(PLAN_VERSION) == null) {
            Object channel = execution.getVariable(CHANNEL_ID);
            var plan = plans.choose((String) execution.getVariable(PLAN_KEY),
                    channel == null ? null : ((Number) channel).longValue());
            execution.setVariable(PLAN_KEY, plan.key());
            execution.setVariable(PLAN_VERSION, plan.version());
        }
        Object lastStep = execution.getVariable(LAST_STEP);
        var next = pushes.planNext((String) execution.getVariable(CUSTOMER_ID),
                new Plans.PlanRef((String) execution.getVariable(PLAN_KEY), (Integer) execution.getVariable(PLAN_VERSION)),
                lastStep == null ? 0 : (Integer) lastStep, ((Date) execution.getVariable(CAPTURED_AT)).toInstant());
        execution.setVariable(PUSH_LEFT, next.isPresent());
        next.ifPresent(push -> {
            execution.setVariable(PUSH_STEP, push.stepNo());
            execution.setVariable(PUSH_DUE, Date.from(push.dueAt()));
            execution.setVariable(PUSH_NEEDS_CONFIRM, push.delivery() == Delivery.CONFIRM);
            execution.setVariable(CONFIRM_WITHIN, push.confirmWithin().toString());
            execution.setVariable(REMIND_CYCLE, "R/" + push.remindEvery());
        });
    }
}
