package io.nurtureflow.process;

import io.nurtureflow.followup.FollowUpKind;
import io.nurtureflow.followup.FollowUps;
import io.nurtureflow.followup.Outcome;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_DUE;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_KIND;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_REASON;
import static io.nurtureflow.process.ProcessVocabulary.FOLLOW_UP_WITHIN;
import static io.nurtureflow.process.ProcessVocabulary.NOTE;
import static io.nurtureflow.process.ProcessVocabulary.OUTCOME;

/** Mirrors every rep task of our processes into the follow-up feature: created, completed, cancelled. */
@Component
class FollowUpTaskListener implements TaskListener {

    private final FollowUps followUps;

    FollowUpTaskListener(FollowUps followUps) {
        this.followUps = followUps;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                // a task says how long it may take (first contact, escalation) or when it is due (follow-up, call back)
                String within = (String) FollowUpInputs.value(task, FOLLOW_UP_WITHIN);
                Date dueAt = (Date) FollowUpInputs.value(task, FOLLOW_UP_DUE);
                var due = followUps.opened(task.getId(), (String) task.getVariable(CUSTOMER_ID), task.getAssignee(),
                        FollowUpKind.valueOf((String) FollowUpInputs.value(task, FOLLOW_UP_KIND)),
                        (String) FollowUpInputs.value(task, FOLLOW_UP_REASON),
                        within == null ? null : Duration.parse(within), dueAt == null ? null : dueAt.toInstant());
                task.setDueDate(Date.from(due));
            }
            case EVENTNAME_COMPLETE -> {
                String outcome = (String) task.getVariable(OUTCOME);
                followUps.closed(task.getId(), outcome == null ? null : Outcome.valueOf(outcome),
                        (String) task.getVariable(NOTE));
            }
            case EVENTNAME_DELETE -> followUps.cancelled(task.getId(), "the lifecycle moved on");
            default -> {
            }
        }
    }
}
