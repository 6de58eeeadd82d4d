package io.nurtureflow.customer;

/** What CRM matching decided about a captured lead: each is its own path in lead-intake. */
public enum MatchOutcome {
    /** nobody like this yet: a new customer id and a lifecycle */
    NEW,
    /** a lifecycle is running: one more touchpoint on it, never a second lifecycle */
    IN_NURTURE,
    /** has bought before: customer care, not the new-lead SOP */
    PAST_BUYER,
    /** known, but its nurture ended (silent, churned): nurture starts again */
    RETURNING
}
