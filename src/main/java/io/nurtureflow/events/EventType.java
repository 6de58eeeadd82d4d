package io.nurtureflow.events;

import java.util.Arrays;
import java.util.Optional;

public enum EventType {
    MESSAGE_REPLIED(Signal.ENGAGED),
    LINK_CLICKED(Signal.ENGAGED),
    /** Reading is weak intent on its own: it counts through the score, which may cross the follow-up threshold. */
    CONTENT_VIEWED(Signal.NONE),
    FORM_SUBMITTED(Signal.ENGAGED),
    PURCHASED(Signal.PURCHASED),
    REFUNDED(Signal.NONE),
    UNSUBSCRIBED(Signal.OPTED_OUT),
    /** WeCom del_follow_user: the customer removed the last rep who had them, so nobody can reach them any more. */
    CUSTOMER_DELETED_STAFF(Signal.CHURNED),
    /** WeCom del_external_contact: the last rep who had the customer removed them, so nobody can reach them any more. */
    STAFF_DELETED_CUSTOMER(Signal.CHURNED),
    /**
     * A WeCom deletion either way between the customer and one rep while another rep still has them as a contact:
     * recorded, and the lifecycle goes on, since the company can still reach them.
     */
    FOLLOW_ENDED(Signal.NONE),
    /** WeCom edit_external_contact: remark, description or tags changed on the rep's side. */
    CONTACT_EDITED(Signal.NONE);

    private final Signal signal;

    EventType(Signal signal) {
        this.signal = signal;
    }

    public Signal signal() {
        return signal;
    }

    static Optional<EventType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
