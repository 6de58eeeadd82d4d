package io.nurtureflow.followup;

import java.time.Instant;

/** The engine's user tasks behind follow-ups: completed and handed over; implemented where the engine lives. */
public interface TaskEngine {

    /** {@code callBackAt} is set only for {@link Outcome#CALL_BACK}: the lifecycle opens a new task for then. */
    void complete(String taskId, Outcome outcome, String note, Instant callBackAt);

    /** The rep's open task moves to another rep, in Tasklist too: the previous rep can no longer see or complete it. */
    void reassign(String taskId, String rep);

    /** Tasks the customer's running lifecycle opens from now on go to this rep. */
    void changeOwner(String lifecycleInstanceId, String rep);
}
