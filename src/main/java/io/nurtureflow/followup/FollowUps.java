package io.nurtureflow.followup;

import io.nurtureflow.customer.Timeline;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Conflict;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import io.nurtureflow.system.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The rep's tasks as the rest of the product sees them: opened and closed by the lifecycle, acted on by reps. */
@Service
public class FollowUps {

    private static final int NOTE_LENGTH = 1000;

    private final FollowUpMapper tasks;
    private final TaskEngine engine;
    private final Reps reps;
    private final Timeline timeline;
    private final RepAlerts alerts;
    private final TaskLedger ledger;
    private final Clock clock;

    FollowUps(FollowUpMapper tasks, TaskEngine engine, Reps reps, Timeline timeline, RepAlerts alerts,
              TaskLedger ledger, Clock clock) {
        this.tasks = tasks;
        this.ledger = ledger;
        this.engine = engine;
        this.reps = reps;
        this.timeline = timeline;
        this.alerts = alerts;
        this.clock = clock;
    }

    /**
     * Called when the engine creates the user task; a repeated call changes nothing. The task is due
     * {@code within} the rep's working time from now, or at {@code dueAt} (a call back the lead agreed to).
     */
    @Transactional
    public Instant opened(String taskId, String customerId, String rep, FollowUpKind kind, String reason,
                          Duration within, Instant dueAt) {
        Instant now = clock.instant();
        Instant due = within != null ? reps.dueWithin(rep, within) : dueAt;
        var task = new FollowUpTask(taskId, customerId, rep, kind, reason, now, due, null, null, null);
        if (tasks.insertIfAbsent(task) == 0) {
            return tasks.find(taskId).orElseThrow().dueAt();
        }
        ledger.opened(task);
        alerts.taskOpened(task);
        // an escalation of a rep without a sales lead goes to every sales lead (the task's candidate group)
        timeline.record(customerId, "TASK", kind + " task for " + (rep == null ? "the sales leads" : rep) + " due " + due
                + (reason == null ? "" : ": " + reason));
        return due;
    }

    /** A further sign of intent while a follow-up is open joins it instead of opening another. */
    @Transactional
    public boolean joinOpenFollowUp(String customerId, String why) {
        var open = tasks.openOfCustomer(customerId, FollowUpKind.FOLLOW_UP);
        if (open.isEmpty()) {
            return false;
        }
        var task = open.get(0);
        String note = task.note() == null ? why : task.note() + "; " + why;
        tasks.setNote(task.taskId(), note.length() > NOTE_LENGTH ? note.substring(note.length() - NOTE_LENGTH) : note);
        timeline.record(customerId, "TASK", "Joined open follow-up " + task.taskId() + ": " + why);
        return true;
    }

    /**
     * The task now belongs to another rep (a collision settled, a rep inherited): it moves to their inbox, and they
     * get a card for it. (A departed rep's whole book handed over at once goes through {@link Inheritance} instead,
     * and reaches the heir in their daily digest rather than as a card per task.)
     */
    @Transactional
    public void reassigned(String taskId, String rep) {
        if (tasks.reassign(taskId, rep) == 1) {
            tasks.find(taskId).ifPresent(alerts::taskOpened);
        }
    }

    public List<FollowUpTask> openFor(String rep) {
        return tasks.openFor(rep);
    }

    public List<FollowUpTask> openOfCustomer(String customerId, FollowUpKind kind) {
        return tasks.openOfCustomer(customerId, kind);
    }

    /** A rep completes one of their own tasks; the engine then moves the lifecycle on. */
    @Transactional
    public void complete(CurrentUser user, String taskId, Outcome outcome, String note, Instant callBackAt) {
        var task = tasks.find(taskId).orElseThrow(() -> new NotFound("No task " + taskId + "."));
        if (!user.admin() && !user.username().equals(task.rep())) {
            throw new Forbidden("Task " + taskId + " belongs to another rep.");
        }
        if (task.closedAt() != null) {
            throw new Conflict("taskId", "Task " + taskId + " is already closed.");
        }
        if (note != null && note.length() > NOTE_LENGTH) {
            throw new BadInput("note", "note is longer than " + NOTE_LENGTH + " characters.");
        }
        if (outcome == Outcome.CALL_BACK && (callBackAt == null || !callBackAt.isAfter(clock.instant()))) {
            throw new BadInput("callBackAt", "callBackAt (a future time) is required when the outcome is CALL_BACK.");
        }
        engine.complete(taskId, outcome, note, outcome == Outcome.CALL_BACK ? callBackAt : null);
    }

    /** Called when the engine completes the user task, whoever completed it (our API or Tasklist). */
    @Transactional
    public void closed(String taskId, Outcome outcome, String note) {
        tasks.find(taskId).filter(t -> t.closedAt() == null).ifPresent(task -> {
            tasks.close(taskId, outcome, note, clock.instant());
            ledger.closed(task, outcome, clock.instant());
            timeline.record(task.customerId(), "TASK", task.kind() + " task closed by " + task.rep() + ": "
                    + (outcome == null ? "done" : outcome) + (note == null ? "" : " — " + note));
        });
    }

    /** The lifecycle ended (purchase, silence) while the task was open. */
    @Transactional
    public void cancelled(String taskId, String why) {
        tasks.find(taskId).filter(t -> t.closedAt() == null).ifPresent(task -> {
            tasks.close(taskId, null, "cancelled: " + why, clock.instant());
            ledger.closed(task, null, clock.instant());
            timeline.record(task.customerId(), "TASK", task.kind() + " task cancelled: " + why);
        });
    }
}
