package io.nurtureflow.followup;

/** A rep's team, sales lead and working day (HH:mm in the business time zone). */
public record RepProfile(String rep, String team, String salesLead, String workStart, String workEnd, boolean active) {
}
