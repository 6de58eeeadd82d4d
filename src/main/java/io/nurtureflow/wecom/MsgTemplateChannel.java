package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real channel: WeCom's corp mass-send (externalcontact/add_msg_template) to one external contact with the
 * owner rep as sender. WeCom then asks the rep to confirm in their client; what happened is read back from
 * externalcontact/get_groupmsg_send_result.
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != ''")
class MsgTemplateChannel implements WeComChannel {

    static final String ADD_MSG_TEMPLATE = "/cgi-bin/externalcontact/add_msg_template";
    static final String SEND_RESULT = "/cgi-bin/externalcontact/get_groupmsg_send_result";
    private static final int PAGE = 1000;

    private final WeComClient client;

    MsgTemplateChannel(WeComClient client) {
        this.client = client;
    }

    @Override
    public Submission send(CustomerMessage message) {
        if (message.externalUserId() == null) {
            return new Submission(null, DeliveryStatus.NO_CONTACT);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("chat_type", "single");
        body.put("external_userid", List.of(message.externalUserId()));
        body.put("sender", message.senderRep());
        if (message.text() != null && !message.text().isBlank()) {
            body.put("text", Map.of("content", message.text()));
        }
        body.put("attachments", message.attachments().stream().map(MsgTemplateChannel::attachment).toList());
        JsonNode answer = client.post(ADD_MSG_TEMPLATE, body);
        for (JsonNode failed : answer.path("fail_list")) {
            if (failed.asText().equals(message.externalUserId())) {
                // WeCom lists contacts it refused up front: not (or no longer) a friend of the sender
                return new Submission(answer.path("msgid").asText(null), DeliveryStatus.NOT_A_FRIEND);
            }
        }
        return new Submission(answer.path("msgid").asText(), DeliveryStatus.PENDING);
    }

    @Override
    public DeliveryStatus statusOf(String msgId, String senderRep, String externalUserId) {
        String cursor = "";
        do {
            var query = new LinkedHashMap<String, Object>();
            query.put("msgid", msgId);
            query.put("userid", senderRep);
            query.put("limit", PAGE);
            query.put("cursor", cursor);
            JsonNode answer = client.post(SEND_RESULT, query);
            for (JsonNode sent : answer.path("send_list")) {
                if (externalUserId.equals(sent.path("external_userid").asText())) {
                    return DeliveryStatus.ofWeCom(sent.path("status").asInt());
                }
            }
            cursor = answer.path("next_cursor").asText("");
        } while (!cursor.isEmpty());
        return DeliveryStatus.PENDING;
    }

    @Override
    public String name() {
        return "wecom";
    }

    private static Map<String, Object> attachment(Attachment a) {
        var fields = new LinkedHashMap<String, Object>();
        switch (a.kind()) {
            case IMAGE -> {
                put(fields, "media_id", a.mediaId());
                put(fields, "pic_url", a.picUrl());
            }
            case LINK -> {
                put(fields, "title", a.title());
                put(fields, "picurl", a.picUrl());
                put(fields, "desc", a.description());
                put(fields, "url", a.url());
            }
            case MINIPROGRAM -> {
                put(fields, "title", a.title());
                put(fields, "pic_media_id", a.mediaId());
                put(fields, "appid", a.appId());
                put(fields, "page", a.page());
            }
            case VIDEO, FILE -> put(fields, "media_id", a.mediaId());
        }
        String type = a.kind().name().toLowerCase();
        var wrapped = new LinkedHashMap<String, Object>();
        wrapped.put("msgtype", type);
        wrapped.put(type, fields);
        return wrapped;
    }

    private static void put(Map<String, Object> fields, String name, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(name, value);
        }
    }
}
