package io.nurtureflow.events;

import io.nurtureflow.wecom.CallbackEvent;
import io.nurtureflow.wecom.CallbackListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WeCom's external-contact changes that are behaviour: they go through the same inbox as every other event,
 * so an unknown external user id is parked and a repeated change is a duplicate event id. Adding a contact
 * is the capture feature's (it turns the contact way's state into a lead).
 */
@Component
class WeComContactEvents implements CallbackListener {

    private static final String CHANGE_EXTERNAL_CONTACT = "change_external_contact";
    private static final Map<String, EventType> TYPES = Map.of(
            "del_follow_user", EventType.CUSTOMER_DELETED_STAFF,
            "del_external_contact", EventType.STAFF_DELETED_CUSTOMER,
            "edit_external_contact", EventType.CONTACT_EDITED);

    private final EventInbox inbox;

    WeComContactEvents(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void on(CallbackEvent event) {
        if (!CHANGE_EXTERNAL_CONTACT.equals(event.event()) || event.changeType() == null
                || !TYPES.containsKey(event.changeType()) || event.externalUserId() == null) {
            return;
        }
        EventType type = TYPES.get(event.changeType());
        var payload = new LinkedHashMap<String, Object>();
        payload.put("source", "wecom");
        payload.put("rep", event.userId());
        inbox.accept(new IncomingEvent(eventId(event), null, null, event.externalUserId(), type.name(),
                event.createTime(), payload));
    }

    /** Stable across WeCom's retries and short enough for the inbox's event id. */
    private static String eventId(CallbackEvent event) {
        String key = event.changeType() + "|" + event.userId() + "|" + event.externalUserId() + "|"
                + event.createTime().getEpochSecond();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "wecom:" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
