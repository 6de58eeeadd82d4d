package io.nurtureflow.process;

import io.nurtureflow.segment.Segments;
import io.nurtureflow.sop.Plans;
import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.CAPTURED_AT;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_RUNNING;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;

/**
 * Puts the lead on its pinned plan version (or resumes it where it stood) and plans the first push. From then on
 * the pushes are data the send windows pick up; nothing waits per lead. {@code planRunning} is for a gateway right
 * after the task ({@link TransientVariables}).
 */
@Component
class StartSopPlanDelegate implements JavaDelegate {

    private final Pushes pushes;
    private final Segments segments;

    StartSopPlanDelegate(Pushes pushes, Segments segments) {
        this.pushes = pushes;
        this.segments = segments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String customerId = (String) execution.getVariable(CUSTOMER_ID);
        // unsubscribed is for good: a lead who scans again is nurtured by people, never pushed to
        if (segments.hasOptedOut(customerId)) {
            TransientVariables.set(execution, PLAN_RUNNING, false);
            return;
        }
        var plan = new Plans.PlanRef((String) execution.getVariable(PLAN_KEY), (Integer) execution.getVariable(PLAN_VERSION));
        boolean running = pushes.start(customerId, plan,
                ((Date) execution.getVariable(CAPTURED_AT)).toInstant());
        TransientVariables.set(execution, PLAN_RUNNING, running);
    }
}
