package io.nurtureflow.wecom;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WeCom's 「联系我」 contact ways and welcome messages (客户联系, developer.work.weixin.qq.com/document/path/92228).
 * A contact way of type 2 (several users) with scene 2 (QR code) rotates WeCom's adds among its users; one of type
 * 1 belongs to one user. Either way its {@code state} (at most 30 characters) comes back in every add callback and
 * in externalcontact/get, and WeCom hosts its QR picture at the answer's {@code qr_code}. A corp may create at
 * most 500,000 contact ways through the API, so single-use ones are deleted once used or expired.
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != ''")
public class ContactWays {

    public static final int MAX_STATE_LENGTH = 30;
    private static final int TYPE_ONE_USER = 1;
    private static final int TYPE_MULTIPLE_USERS = 2;
    private static final int SCENE_QR_CODE = 2;

    private final WeComClient client;

    ContactWays(WeComClient client) {
        this.client = client;
    }

    /** Creates a contact way that rotates among the users (a channel's live code). */
    public Created add(String state, List<String> users) {
        return add(TYPE_MULTIPLE_USERS, state, users);
    }

    /** Creates one user's contact way for one lead: the lead's own code, told apart by its state. */
    public Created addForOne(String state, String user) {
        return add(TYPE_ONE_USER, state, List.of(user));
    }

    private Created add(int type, String state, List<String> users) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type);
        body.put("scene", SCENE_QR_CODE);
        body.put("state", state);
        body.put("user", users);
        body.put("skip_verify", true);
        var answer = client.post("/cgi-bin/externalcontact/add_contact_way", body);
        String qrCode = answer.path("qr_code").asText("");
        return new Created(answer.path("config_id").asText(), qrCode.isEmpty() ? null : qrCode);
    }

    /** Removes a contact way; adds through its code stop working. */
    public void delete(String configId) {
        client.post("/cgi-bin/externalcontact/del_contact_way", Map.of("config_id", configId));
    }

    /** The picture of a contact way's code, as WeCom hosts it at {@code qr_code}. */
    public WeComClient.Download picture(String qrCode) {
        return client.download(qrCode);
    }

    /** Replaces the users WeCom rotates through. */
    public void update(String configId, String state, List<String> users) {
        client.post("/cgi-bin/externalcontact/update_contact_way",
                Map.of("config_id", configId, "state", state, "user", users));
    }

    /**
     * Sends the welcome for one add; the welcome_code is valid for 20 seconds after the callback and only once.
     * The link becomes a link attachment (WeCom shows it as a card with the picture).
     */
    public void sendWelcome(String welcomeCode, String text, WelcomeLink link) {
        var body = new LinkedHashMap<String, Object>();
        body.put("welcome_code", welcomeCode);
        if (text != null && !text.isBlank()) {
            body.put("text", Map.of("content", text));
        }
        if (link != null) {
            var card = new LinkedHashMap<String, Object>();
            card.put("title", link.title());
            card.put("url", link.url());
            if (link.pictureUrl() != null) {
                card.put("picurl", link.pictureUrl());
            }
            var attachments = new ArrayList<Map<String, Object>>();
            attachments.add(Map.of("msgtype", "link", "link", card));
            body.put("attachments", attachments);
        }
        client.post("/cgi-bin/externalcontact/send_welcome_msg", body);
    }

    /** WeCom's id of a new contact way, and the address of its QR picture. */
    public record Created(String configId, String qrCode) {
    }

    public record WelcomeLink(String title, String url, String pictureUrl) {
    }
}
