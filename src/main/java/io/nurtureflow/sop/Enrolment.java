package io.nurtureflow.sop;

import java.time.Instant;

/**
 * A lead's place in one plan version: when it started (day N counts from here) and the last step that went or was
 * skipped. One enrolment per customer is ACTIVE; the new-lead plan is PAUSED while the silent plan runs.
 */
public record Enrolment(String customerId, String planKey, int planVersion, Instant startedAt, int lastStep,
                        State state) {

    public enum State {
        ACTIVE, PAUSED, FINISHED, STOPPED, ENDED
    }
}
