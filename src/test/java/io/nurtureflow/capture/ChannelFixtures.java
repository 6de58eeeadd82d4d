package io.nurtureflow.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;

/** Channels as an admin creates them through the API, with unique codes so tests never share one. */
final class ChannelFixtures {

    private ChannelFixtures() {
    }

    static String newCode() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static JsonNode create(Api api, Map<String, Object> fields) {
        var body = new LinkedHashMap<String, Object>(Map.of("name", "测试渠道", "code", newCode()));
        body.putAll(fields);
        var response = api.post("/api/channels", ADMIN, body);
        if (response.status() != 201) {
            throw new AssertionError("channel not created: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    static JsonNode withStaff(Api api, List<?> staff) {
        return create(api, Map.of("staff", staff));
    }

    static Map<String, Object> member(String rep, Map<String, Object> settings) {
        var member = new LinkedHashMap<String, Object>(settings);
        member.put("rep", rep);
        return member;
    }
}
