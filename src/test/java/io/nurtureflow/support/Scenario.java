package io.nurtureflow.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;

/** Short ways to the starting points behaviour tests need: a rep's channel, a lead in nurture, an event. */
public final class Scenario {

    private Scenario() {
    }

    public static String channelOf(Api api, String rep) {
        var created = api.post("/api/channels", ADMIN, Map.of("name", "渠道" + rep.substring(rep.length() - 4),
                "staff", List.of(rep), "tags", List.of("海报")));
        if (created.status() != 201) {
            throw new IllegalStateException(created.body());
        }
        return created.json().get("code").asText();
    }

    /** A lead captured through the integration API; its customer id. */
    public static String lead(Api api, String channelCode, String phone, String externalUserId) {
        var request = new HashMap<String, Object>();
        request.put("channelCode", channelCode);
        request.put("name", Leads.newName());
        if (phone != null) {
            request.put("phone", phone);
        }
        if (externalUserId != null) {
            request.put("externalUserId", externalUserId);
        }
        var created = api.post("/api/leads", ADMIN, request);
        if (created.status() != 201) {
            throw new IllegalStateException(created.body());
        }
        return created.json().get("customerId").asText();
    }

    public static String leadOf(Api api, String rep) {
        return lead(api, channelOf(api, rep), Leads.newPhone(), null);
    }

    public static String owner(Api api, String customerId) {
        return api.get("/api/customers/" + customerId, ADMIN).json().get("owner").asText();
    }

    public static Api.Response event(Api api, String customerId, String type) {
        return api.post("/api/events", ADMIN, Map.of("eventId", UUID.randomUUID().toString(),
                "customerId", customerId, "type", type));
    }

    /** The kinds of the user's open tasks, as their inbox lists them. */
    public static List<String> taskKinds(Api api, String user) {
        var kinds = new java.util.ArrayList<String>();
        api.get("/api/me/tasks", user).json().forEach(task -> kinds.add(task.get("kind").asText()));
        return kinds;
    }

    public static String externalUserId() {
        return "wm" + UUID.randomUUID().toString().replace("-", "");
    }
}
