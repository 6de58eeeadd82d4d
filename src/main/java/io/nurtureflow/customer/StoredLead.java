package io.nurtureflow.customer;

import java.time.Instant;

/**
 * A captured lead as stored; {@code answers} holds the form's other fields as a JSON object, {@code ref} the invitee
 * (poster ref) of the scan it came from.
 */
public record StoredLead(long id, Long channelId, Long scanId, String source, String name, String phone,
                         String unionid, String externalUserId, String assignedRep, Instant receivedAt,
                         String customerId, MatchOutcome outcome, String email,
                         String answers, String ref) {
}
