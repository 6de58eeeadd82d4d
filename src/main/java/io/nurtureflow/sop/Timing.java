package io.nurtureflow.sop;

/** When a step is meant to go out, before the send policy has its say. */
public enum Timing {
    /** day N after capture (day 0 = the capture day), when a named window opens */
    DAY_AT_WINDOW,
    /** day N after capture at HH:mm, which must lie in a window */
    DAY_AT_TIME,
    /** a delay after the previous push went out (after capture for the first step) */
    AFTER_PREVIOUS,
    /** a fixed local date-time, e.g. the evening before an open class */
    AT_DATE_TIME,
    /** the next of the given weekdays after the previous push, at a window or HH:mm */
    WEEKLY
}
