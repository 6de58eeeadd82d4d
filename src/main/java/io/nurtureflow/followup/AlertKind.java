package io.nurtureflow.followup;

/** What an alert to a rep announces, with the card's Chinese title. */
enum AlertKind {
    FIRST_CONTACT("新线索首次联系"),
    FOLLOW_UP("跟进提醒"),
    CUSTOMER_CARE("客户关怀提醒"),
    ESCALATION("超时升级"),
    CONFIRM_PUSH("待确认群发"),
    DIGEST("今日待办"),
    DAILY_REPORT("运营日报"),
    WEEKLY_REPORT("运营周报");

    private final String title;

    AlertKind(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    static AlertKind of(FollowUpKind kind) {
        return valueOf(kind.name());
    }
}
