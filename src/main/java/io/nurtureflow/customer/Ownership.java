package io.nurtureflow.customer;

/** How a lead's rep stands to the matched customer's owner; each is its own path in lead-intake. */
public enum Ownership {
    /** no other rep involved */
    SAME_REP,
    /** another rep owns the customer inside the protection window: a collision (撞单) for a sales lead */
    PROTECTED,
    /** another rep's protection window has ended: the new rep takes the customer over */
    EXPIRED
}
