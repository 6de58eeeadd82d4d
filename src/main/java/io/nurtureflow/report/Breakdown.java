package io.nurtureflow.report;

/** What a report's rows are: one for everything, or one per channel, invitee, rep, team or day. */
public enum Breakdown {
    ALL("''", "合计"),
    CHANNEL("cast(channel_id as char(20))", "渠道"),
    REF("ref", "邀请人"),
    REP("rep", "销售"),
    TEAM("team", "团队"),
    DAY("cast(on_day as char(10))", "日期");

    /** the roll-up's column the rows are grouped by, as text (never user input) */
    final String column;
    final String heading;

    Breakdown(String column, String heading) {
        this.column = column;
        this.heading = heading;
    }
}
