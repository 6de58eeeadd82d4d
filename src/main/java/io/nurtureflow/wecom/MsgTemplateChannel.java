package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real channel: WeCom's corp mass-send (externalcontact/add_msg_template, chat_type single) from the sender rep
 * to all of the batch's external contacts. WeCom then asks the rep to confirm it once in their client; whether they
 * did is read with get_groupmsg_task, a reminder goes with remind_groupmsg_send, and what each customer got is read
 * back with get_groupmsg_send_result (documents 92135, 93338, 97610 of developer.work.weixin.qq.com).
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != ''")
class MsgTemplateChannel implements WeComChannel {

    static final String ADD_MSG_TEMPLATE = "/cgi-bin/externalcontact/add_msg_template";
    static final String TASK = "/cgi-bin/externalcontact/get_groupmsg_task";
    static final String REMIND = "/cgi-bin/externalcontact/remind_groupmsg_send";
    static final String SEND_RESULT = "/cgi-bin/externalcontact/get_groupmsg_send_result";
    /** get_groupmsg_task: 2 = the member sent it */
    private static final int TASK_SENT = 2;
    private static final int PAGE = 1000;

    private final WeComClient client;

    MsgTemplateChannel(WeComClient client) {
        this.client = client;
    }

    @Override
    public MassSend massSend(MassMessage message) {
        if (message.recipients().size() > WeComLimits.MASS_SEND_CUSTOMERS) {
            throw new IllegalArgumentException("a mass-send takes at most " + WeComLimits.MASS_SEND_CUSTOMERS
                    + " customers, not " + message.recipients().size());
        }
        var statuses = new LinkedHashMap<String, DeliveryStatus>();
        var customerOf = new HashMap<String, String>();
        for (var recipient : message.recipients()) {
            if (recipient.externalUserId() == null) {
                statuses.put(recipient.customerId(), DeliveryStatus.NO_CONTACT);
            } else {
                customerOf.put(recipient.externalUserId(), recipient.customerId());
            }
        }
        if (customerOf.isEmpty()) {
            return new MassSend(null, statuses);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("chat_type", "single");
        body.put("external_userid", customerOf.keySet().stream().sorted().toList());
        body.put("sender", message.senderRep());
        if (message.text() != null && !message.text().isBlank()) {
            body.put("text", Map.of("content", message.text()));
        }
        body.put("attachments", message.attachments().stream().map(MsgTemplateChannel::attachment).toList());
        JsonNode answer = client.postOnce(ADD_MSG_TEMPLATE, body);
        // WeCom lists up front the contacts it refused: not (or no longer) a friend of the sender
        var refused = new HashSet<String>();
        answer.path("fail_list").forEach(failed -> refused.add(failed.asText()));
        customerOf.forEach((external, customer) ->
                statuses.put(customer, refused.contains(external) ? DeliveryStatus.NOT_A_FRIEND : DeliveryStatus.PENDING));
        return new MassSend(answer.path("msgid").asText(), statuses);
    }

    @Override
    public boolean confirmed(String msgId, String senderRep) {
        var sent = new boolean[1];
        pages(TASK, Map.of("msgid", msgId), answer -> answer.path("task_list").forEach(task -> {
            if (senderRep.equals(task.path("userid").asText()) && task.path("status").asInt() == TASK_SENT) {
                sent[0] = true;
            }
        }));
        return sent[0];
    }

    @Override
    public void remind(String msgId) {
        client.post(REMIND, Map.of("msgid", msgId));
    }

    @Override
    public Map<String, DeliveryStatus> results(String msgId, String senderRep) {
        var results = new HashMap<String, DeliveryStatus>();
        pages(SEND_RESULT, Map.of("msgid", msgId, "userid", senderRep), answer -> answer.path("send_list")
                .forEach(sent -> results.put(sent.path("external_userid").asText(),
                        DeliveryStatus.ofWeCom(sent.path("status").asInt()))));
        return results;
    }

    @Override
    public String name() {
        return "wecom";
    }

    private void pages(String path, Map<String, Object> query, Consumer<JsonNode> page) {
        String cursor = "";
        do {
            var body = new LinkedHashMap<String, Object>(query);
            body.put("limit", PAGE);
            body.put("cursor", cursor);
            JsonNode answer = client.post(path, body);
            page.accept(answer);
            cursor = answer.path("next_cursor").asText("");
        } while (!cursor.isEmpty());
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
