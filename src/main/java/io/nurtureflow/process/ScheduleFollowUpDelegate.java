package io.nurtureflow.process;

import io.nurtureflow.followup.Reps;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_DUE;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_WITHIN;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;
import static io.nurtureflow.process.ProcessVocabulary.SALES_LEAD;

/** Fixes the follow-up's due time before the task exists, so the overdue timer and the task agree on it. */
@Component
class ScheduleFollowUpDelegate implements JavaDelegate {

    private final Reps reps;

    ScheduleFollowUpDelegate(Reps reps) {
        this.reps = reps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String rep = (String) execution.getVariable(OWNER_REP);
        var terms = reps.followUpTerms(rep, Duration.parse((String) execution.getVariable(FOLLOW_UP_WITHIN)));
        execution.getProcessInstance().setVariable(FOLLOW_UP_DUE, Date.from(terms.due()));
        execution.getProcessInstance().setVariable(SALES_LEAD, terms.salesLead());
    }
}
