package io.nurtureflow.customer;

public record IntakeResult(long leadId, String customerId, MatchOutcome outcome) {
}
