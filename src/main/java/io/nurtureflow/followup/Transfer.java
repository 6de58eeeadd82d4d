package io.nurtureflow.followup;

import java.time.Instant;

/**
 * One customer of a departed rep: handed to {@code toRep} (TRANSFERRED), or kept back with the reason, by WeCom's
 * limit of transfers (BLOCKED) or by WeCom itself (WECOM_REFUSED).
 */
public record Transfer(String customerId, String fromRep, String toRep, String status, String reason,
                       Instant transferredAt) {
}
