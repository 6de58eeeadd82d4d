package io.nurtureflow.customer;

import java.time.Instant;

/** Who merged which customer into which, when and why; and whether and by whom it was undone. */
public record MergeRecord(long id, String survivorId, String mergedId, String mergedBy, String reason,
                          Instant mergedAt, Instant undoUntil, String endedLifecycle, String movedLifecycle,
                          Instant undoneAt, String undoneBy) {
}
