package io.nurtureflow.wecom;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WeCom's 「联系我」 contact ways and welcome messages (客户联系). A contact way of type 2 (several users) with
 * scene 2 (QR code) rotates WeCom's adds among its users; its {@code state} comes back in every add callback.
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != ''")
public class ContactWays {

    private static final int TYPE_MULTIPLE_USERS = 2;
    private static final int SCENE_QR_CODE = 2;

    private final WeComClient client;

    ContactWays(WeComClient client) {
        this.client = client;
    }

    /** Creates the contact way and answers its config_id. */
    public String add(String state, List<String> users) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", TYPE_MULTIPLE_USERS);
        body.put("scene", SCENE_QR_CODE);
        body.put("state", state);
        body.put("user", users);
        body.put("skip_verify", true);
        return client.post("/cgi-bin/externalcontact/add_contact_way", body).path("config_id").asText();
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

    public record WelcomeLink(String title, String url, String pictureUrl) {
    }
}
