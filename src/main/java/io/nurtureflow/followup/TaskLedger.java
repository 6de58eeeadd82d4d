package io.nurtureflow.followup;

import java.time.Instant;

/**
 * Every task opened and closed, told in the transaction that does it, for the numbers kept on reps (response
 * times, escalations); implemented by the report feature.
 */
public interface TaskLedger {

    void opened(FollowUpTask task);

    /** {@code outcome} is null when the task was cancelled (the lifecycle ended while it was open). */
    void closed(FollowUpTask task, Outcome outcome, Instant at);
}
