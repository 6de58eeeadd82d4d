package io.nurtureflow.customer;

/** How sure matching is: an exact identity decides by itself, a weak likeness goes to a sales lead for review. */
public enum MatchStrength {
    NONE, EXACT, WEAK
}
