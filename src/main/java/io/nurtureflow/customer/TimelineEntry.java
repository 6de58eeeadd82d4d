package io.nurtureflow.customer;

import java.time.Instant;

public record TimelineEntry(Instant occurredAt, String kind, String summary) {
}
