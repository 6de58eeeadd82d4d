package io.nurtureflow.process;

import io.nurtureflow.sop.Plans;
import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.LAST_STEP;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_DUE;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_SENT;
import static io.nurtureflow.process.ProcessVocabulary.PUSH_STEP;

/**
 * Sends the step now, or learns from the send policy when it may go instead (the flow then waits again). In a flow
 * built from the "Push SOP content" element template the step comes as text and the plan without a version: the
 * newest version is pinned on first use.
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
        var outcome = pushes.send((String) execution.getVariable(CUSTOMER_ID), planKey, version, step);
        boolean moved = outcome.kind() == Pushes.SendOutcome.Kind.MOVED;
        execution.setVariable(PUSH_SENT, !moved);
        if (moved) {
            execution.setVariable(PUSH_DUE, Date.from(outcome.at()));
        } else {
            execution.setVariable(LAST_STEP, step);
        }
    }
}
