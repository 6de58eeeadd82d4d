package io.nurtureflow.sop;

import java.time.Instant;

/**
 * What one rep confirms once: one step's content for all of the rep's customers due in one window opening (split
 * only past WeCom's 10,000 customers per mass-send).
 */
public final class PushBatch {

    /**
     * AWAITING_CONFIRM: a CONFIRM step waits for the rep's go in NurtureFlow; READY: to be handed to WeCom;
     * DISPATCHING: being handed over; DISPATCHED: WeCom has the task; SKIPPED: never went (not confirmed in time,
     * nobody left); FLAGGED: a crash left it unknown whether WeCom created the task, an admin decides.
     */
    public enum State {
        AWAITING_CONFIRM, READY, DISPATCHING, DISPATCHED, SKIPPED, FLAGGED
    }

    public Long id;
    public long runId;
    public String senderRep;
    public String planKey;
    public int planVersion;
    public int stepNo;
    public String text;
    public String attachments;
    public Delivery delivery;
    public int customers;
    public State state;
    public String wecomMsgId;
    public String claimedBy;
    public Instant claimedAt;
    public Instant dispatchedAt;
    public Instant remindedAt;
    public String flagReason;
    public Instant createdAt;
}
