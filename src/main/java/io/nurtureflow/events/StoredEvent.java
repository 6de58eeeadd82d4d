package io.nurtureflow.events;

import java.time.Instant;

public record StoredEvent(long id, String eventId, String customerId, EventType type, Instant occurredAt,
                          Signal signalName, String status) {
}
