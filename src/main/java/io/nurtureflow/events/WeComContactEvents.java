package io.nurtureflow.events;

import io.nurtureflow.customer.WeComFollow;
import io.nurtureflow.customer.WeComFollows;
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
 * WeCom's external-contact changes (developer.work.weixin.qq.com/document/path/92130). Deletions either way and
 * edits are behaviour: they go through the same inbox as every other event, so an unknown external user id is
 * parked and a repeated change is a duplicate event id. Every change also updates the customer's WeCom relations
 * (the customer feature's): an add or a deletion records which rep the contact is related to, an edit reads the
 * contact again. A deletion churns the customer only when no other rep still has them as a contact. Turning an add
 * through one of our codes into a lead is the capture feature's.
 */
@Component
class WeComContactEvents implements CallbackListener {

    private static final String CHANGE_EXTERNAL_CONTACT = "change_external_contact";
    private static final Map<String, EventType> TYPES = Map.of(
            "del_follow_user", EventType.CUSTOMER_DELETED_STAFF,
            "del_external_contact", EventType.STAFF_DELETED_CUSTOMER,
            "edit_external_contact", EventType.CONTACT_EDITED);

    private final EventInbox inbox;
    private final WeComFollows follows;

    WeComContactEvents(EventInbox inbox, WeComFollows follows) {
        this.inbox = inbox;
        this.follows = follows;
    }

    @Override
    public void on(CallbackEvent event) {
        if (!CHANGE_EXTERNAL_CONTACT.equals(event.event()) || event.changeType() == null
                || event.externalUserId() == null) {
            return;
        }
        if (event.userId() != null) {
            relation(event);
        }
        EventType type = TYPES.get(event.changeType());
        if (type != null && type.signal() == Signal.CHURNED && follows.stillFollowed(event.externalUserId())) {
            type = EventType.FOLLOW_ENDED;
        }
        if (type != null) {
            accept(event, type);
        }
    }

    private void relation(CallbackEvent event) {
        switch (event.changeType()) {
            case "add_external_contact" -> follows.added(event.externalUserId(), event.userId(), event.createTime());
            case "edit_external_contact" -> follows.edited(event.externalUserId(), event.userId());
            case "del_external_contact" -> follows.removed(event.externalUserId(), event.userId(),
                    WeComFollow.RemovedBy.REP);
            case "del_follow_user" -> follows.removed(event.externalUserId(), event.userId(),
                    WeComFollow.RemovedBy.CUSTOMER);
            default -> {
                // other changes (transfer_fail, ...) say nothing about who is related to whom
            }
        }
    }

    private void accept(CallbackEvent event, EventType type) {
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
