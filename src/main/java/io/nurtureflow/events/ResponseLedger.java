package io.nurtureflow.events;

import java.time.Instant;

/**
 * Every behaviour event of a known customer, told once, in the transaction that applies it (when it arrives, or when
 * a parked one finds its customer), for the numbers kept on what customers answered to; implemented by the report
 * feature. A repeated delivery of an event is refused by its event id before it gets here.
 */
public interface ResponseLedger {

    void responded(long eventId, String customerId, EventType type, Instant occurredAt);
}
