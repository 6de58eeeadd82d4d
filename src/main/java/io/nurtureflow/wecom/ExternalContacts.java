package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Reads external contacts (客户联系 › 客户管理): one contact with every user who follows them
 * (externalcontact/get, developer.work.weixin.qq.com/document/path/92114), and all contacts of a set of users page
 * by page (externalcontact/batch/get_by_user, developer.work.weixin.qq.com/document/path/92994).
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != ''")
public class ExternalContacts {

    /** batch/get_by_user takes at most 100 user ids and answers at most 100 contacts a page */
    public static final int MAX_USERS_PER_CALL = 100;
    public static final int MAX_PAGE = 100;
    /** errcode 84061: the user and the contact have no relation (any more) */
    public static final int NOT_A_CONTACT = 84061;

    private final WeComClient client;

    ExternalContacts(WeComClient client) {
        this.client = client;
    }

    /**
     * The contact and every user following them. WeCom pages follow_user past 500 users with a cursor; a
     * customer of a school or training company never follows that many, so one page is read.
     */
    public WeComContact get(String externalUserId) {
        JsonNode answer = client.get("/cgi-bin/externalcontact/get", Map.of("external_userid", externalUserId));
        var follows = new ArrayList<WeComContact.Follow>();
        answer.path("follow_user").forEach(follow -> follows.add(follow(follow)));
        return contact(answer.path("external_contact"), follows);
    }

    /** One page of the contacts the given users follow, one entry per (contact, user); next cursor empty at the end. */
    public Page byUsers(List<String> userIds, String cursor) {
        if (userIds.isEmpty() || userIds.size() > MAX_USERS_PER_CALL) {
            throw new IllegalArgumentException("1 to " + MAX_USERS_PER_CALL + " user ids a call, not " + userIds.size());
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("userid_list", userIds);
        body.put("cursor", cursor == null ? "" : cursor);
        body.put("limit", MAX_PAGE);
        JsonNode answer = client.post("/cgi-bin/externalcontact/batch/get_by_user", body);
        List<WeComContact> contacts = StreamSupport.stream(answer.path("external_contact_list").spliterator(), false)
                .map(entry -> contact(entry.path("external_contact"), List.of(follow(entry.path("follow_info")))))
                .toList();
        String next = answer.path("next_cursor").asText("");
        return new Page(contacts, next.isEmpty() ? null : next);
    }

    private static WeComContact contact(JsonNode contact, List<WeComContact.Follow> follows) {
        return new WeComContact(text(contact, "external_userid"), text(contact, "name"), text(contact, "unionid"),
                WeComContact.ContactType.of(contact.path("type").asInt()), text(contact, "corp_name"), follows);
    }

    private static WeComContact.Follow follow(JsonNode follow) {
        var mobiles = new ArrayList<String>();
        follow.path("remark_mobiles").forEach(mobile -> mobiles.add(mobile.asText()));
        long created = follow.path("createtime").asLong(0);
        return new WeComContact.Follow(text(follow, "userid"), text(follow, "remark"), mobiles, text(follow, "state"),
                created == 0 ? null : Instant.ofEpochSecond(created));
    }

    /** WeCom leaves a field out or sends it empty alike; both are "not known". */
    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isBlank() ? null : value;
    }

    /** Contacts of one page, and the cursor of the next (null after the last). */
    public record Page(List<WeComContact> contacts, String nextCursor) {
    }
}
