package io.nurtureflow.followup;

/** What the rep reports after acting on a task. */
public enum Outcome {
    REACHED, INTERESTED, NOT_INTERESTED, WRONG_NUMBER, CALL_BACK
}
