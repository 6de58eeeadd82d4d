package io.nurtureflow.followup;

/**
 * A rep's team, sales lead and working week: hours as HH:mm in the business time zone, days as MON..SUN joined
 * by commas in week order.
 */
public record RepProfile(String rep, String team, String salesLead, String workStart, String workEnd, String workDays,
                         boolean active) {

    static RepProfile unDescribed(String rep) {
        return new RepProfile(rep, null, null, Reps.DAY_STARTS, Reps.DAY_ENDS, Reps.WORK_DAYS, true);
    }
}
