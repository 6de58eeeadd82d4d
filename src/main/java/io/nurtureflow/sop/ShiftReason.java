package io.nurtureflow.sop;

/**
 * Why the send policy moved a push off the moment its plan asked for, or off the window it came due in: the first
 * rule that stood in its way. The moveReason text on the push says the same with its figures (which cap, which day).
 */
public enum ShiftReason {
    /** the step's moment had passed when it was planned (a lead captured after the day's window) */
    PLANNED_MOMENT_PASSED,
    QUIET_HOURS,
    OUTSIDE_SEND_WINDOWS,
    HOLIDAY,
    CAP_PER_DAY,
    CAP_PER_WEEK,
    CAP_DAYS_PER_MONTH,
    WECOM_QUOTA_PER_DAY,
    WECOM_QUOTA_PER_MONTH
}
