package io.nurtureflow.wecom;

/**
 * What became of a push handed to WeCom. WeCom's own send-result statuses are 0 not sent yet (the rep has not
 * confirmed the mass-send task), 1 sent, 2 not a friend, 3 the customer already received the corp's quota.
 * NOT_CONFIRMED is ours: the window closed with the task still unconfirmed.
 */
public enum DeliveryStatus {
    PENDING, SENT, NOT_A_FRIEND, BLOCKED_BY_QUOTA, NO_CONTACT, NOT_CONFIRMED;

    public static DeliveryStatus ofWeCom(int status) {
        return switch (status) {
            case 0 -> PENDING;
            case 1 -> SENT;
            case 2 -> NOT_A_FRIEND;
            case 3 -> BLOCKED_BY_QUOTA;
            default -> throw new WeComException(status, "unknown send-result status " + status);
        };
    }

    /** WeCom's statuses 1–3 exist only once the rep sent the mass-send task in their client. */
    public boolean sentByRep() {
        return this == SENT || this == NOT_A_FRIEND || this == BLOCKED_BY_QUOTA;
    }

    public boolean settled() {
        return this != PENDING;
    }
}
