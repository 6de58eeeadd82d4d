package io.nurtureflow.customer;

/** A sales lead's answer to a likeness: the same person, or two people. */
public enum ReviewDecision {
    MERGE, KEEP_APART
}
