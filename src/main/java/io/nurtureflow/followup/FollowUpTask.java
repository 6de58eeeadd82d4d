package io.nurtureflow.followup;

import java.time.Instant;

public record FollowUpTask(String taskId, String customerId, String rep, FollowUpKind kind, String reason,
                           Instant createdAt, Instant dueAt, Instant closedAt, Outcome outcome, String note) {
}
