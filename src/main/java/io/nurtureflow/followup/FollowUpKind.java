package io.nurtureflow.followup;

public enum FollowUpKind {
    FIRST_CONTACT, FOLLOW_UP, CUSTOMER_CARE, ESCALATION,
    /** a rep-confirmed SOP push waiting for the owner rep (issue 5) */
    CONFIRM_PUSH
}
