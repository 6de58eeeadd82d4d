package io.nurtureflow.sop;

/**
 * Where one push stands in the outbox. SCHEDULED waits for its window; BATCHED is in a rep's batch; DISPATCHING is
 * being handed to WeCom (a crash here leaves the batch for an admin); SENT was handed over (what the customer got is
 * its delivery status); SKIPPED and CANCELLED never go.
 */
public enum PushStatus {
    SCHEDULED, BATCHED, DISPATCHING, SENT, SKIPPED, CANCELLED
}
