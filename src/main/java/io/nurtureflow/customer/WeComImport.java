package io.nurtureflow.customer;

import java.time.Instant;

/**
 * An import of the reps' existing WeCom contacts as a caller polls it: where it stands, what it did so far, and the
 * cursor of the next page it would read (where a failed import stopped).
 */
public record WeComImport(long id, String reps, State state, long contactsRead, long customersCreated,
                          long customersUpdated, long customersUnchanged, long contactsFailed, long pages,
                          String nextCursor, String message, String startedBy, Instant startedAt, Instant finishedAt) {

    public enum State {
        RUNNING, DONE, FAILED
    }

    /** Why one contact (or a whole rep, {@code externalUserId} null) was not imported. */
    public record ContactError(long entryNo, String rep, String externalUserId, String message) {
    }
}
