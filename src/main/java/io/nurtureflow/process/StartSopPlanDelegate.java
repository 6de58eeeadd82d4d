package io.nurtureflow.process;

import io.nurtureflow.segment.Segments;
import io.nurtureflow.sop.Plans;
import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.CAPTURED_AT;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_RUNNING;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;

/**
 * Puts the lead on its pinned plan version (or resumes it where it stood) and plans the first push. From then on
 * the pushes are data the send windows pick up; nothing waits per lead. {@code planRunning} is transient: a gateway
 * right after the task reads it, and it costs no variable row for the months the lead then waits.
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
            execution.setVariable(PLAN_RUNNING, Variables.booleanValue(false, true));
            return;
        }
        var plan = new Plans.PlanRef((String) execution.getVariable(PLAN_KEY), (Integer) execution.getVariable(PLAN_VERSION));
        boolean running = pushes.start(customerId, plan,
                ((Date) execution.getVariable(CAPTURED_AT)).toInstant());
        execution.setVariable(PLAN_RUNNING, Variables.booleanValue(running, true));
    }
}
