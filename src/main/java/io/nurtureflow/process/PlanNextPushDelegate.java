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

/** Finds the lead's next step of its pinned plan version and when the send policy lets it go out. */
@Component
class PlanNextPushDelegate implements JavaDelegate {

    private final Pushes pushes;
    private final Segments segments;

    PlanNextPushDelegate(Pushes pushes, Segments segments) {
        this.pushes = pushes;
        this.segments = segments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (segments.hasOptedOut((String) execution.getVariable(CUSTOMER_ID))) {
            execution.setVariable(PUSH_LEFT, false);
            return;
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
