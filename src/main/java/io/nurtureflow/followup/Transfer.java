package io.nurtureflow.followup;

import java.time.Instant;

/** One customer of a departed rep: handed to {@code toRep}, or kept back (BLOCKED) with the reason. */
public record Transfer(String customerId, String fromRep, String toRep, String status, String reason,
                       Instant transferredAt) {
}
