package io.nurtureflow.events;

import java.time.Instant;
import java.util.Map;

/** One behaviour event as a caller sends it; the customer is named by id, phone or WeCom external user id. */
public record IncomingEvent(String eventId, String customerId, String phone, String externalUserId, String type,
                            Instant occurredAt, Map<String, Object> payload) {
}
