package io.nurtureflow;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile, malformed and out-of-range input to every public and logged-in endpoint: nothing a caller sends may
 * answer 5xx, and every 400 of the JSON API names the field. Bounded
 * (a fixed number of requests) and seeded: the seed is printed, -Dnurture.test.fuzz-seed=N repeats a run.
 */
@ServiceTest
class InputFuzzTest extends RunningService {

    private static final long SEED = Long.getLong("nurture.test.fuzz-seed", new Random().nextLong());
    private static final int ROUNDS = 6;

    /** Values no client should send, of every JSON type, and text that means something to SQL, HTML, logs. */
    private static final List<Object> HOSTILE = List.of("", " ", "x".repeat(5000), "a\r\n2026-01-01 INFO forged",
            "' or '1'='1' --", "<script>alert(1)</script>", "../../etc/passwd", "\u0000", "💥".repeat(300),
            "+10000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "P99999999999D", "9".repeat(40),
            Long.MAX_VALUE, Long.MIN_VALUE, -1, 0, 1e308, true, List.of(), List.of(List.of("x")), Map.of(),
            Map.of("k", Map.of("k", "v")));

    /**
     * Path segments Tomcat's connector (an encoded NUL, slash or backslash, a broken escape, a byte that is not UTF-8, a
     * character a request line may not carry) or Spring Security's firewall ("..", ";", an encoded "%" or CR/LF)
     * refuses before any controller runs.
     */
    private static final List<String> REFUSED_SEGMENTS = List.of("abc%00", "a%2Fb", "a%5Cb", "a\\b", "a%25b", "a%",
            "a%zz", "%ff", "%c0%ae", "%2e%2e/x", "..%2f", "./x", "a/../b", "a;b", "a%3Bb", "a%0d%0ab", "a|b", "a{b");

    @Test
    void aUrlTheServerRefusesIsA400NamingThePathOnEveryKindOfEndpoint() {
        var failures = new ArrayList<String>();
        for (String prefix : List.of("/api/customers/", "/api/channels/1/", "/q/", "/l/", "/wecom/callback/",
                "/engine-rest/", "/camunda/app/", "/")) {
            for (String segment : REFUSED_SEGMENTS) {
                String target = prefix + segment;
                var answer = api.raw("GET " + target + " HTTP/1.1", ADMIN, "application/json");
                if (answer.status() != 400 || !answer.contentType().startsWith("application/problem+json")
                        || !"path".equals(answer.json().path("field").asText())) {
                    failures.add(target + " → " + answer.status() + " " + answer.contentType() + " " + clip(answer.body()));
                }
            }
        }
        for (String target : List.of("//api//customers", "/api//customers", "/q//x")) {
            var answer = api.raw("GET " + target + " HTTP/1.1", null, null);
            if (answer.status() != 400 || !"path".equals(answer.json().path("field").asText())) {
                failures.add(target + " → " + answer.status() + " " + clip(answer.body()));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void nothingSentAnswers5xxAndEvery400NamesItsField() {
        System.out.println("InputFuzzTest seed " + SEED + " (-Dnurture.test.fuzz-seed=" + SEED + " repeats it)");
        var random = new Random(SEED);
        String rep = api.newUser("rep", "REP");
        String channelCode = Scenario.channelOf(api, rep);
        String customer = Scenario.lead(api, channelCode, io.nurtureflow.support.Leads.newPhone(), null);
        var failures = new ArrayList<String>();

        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        bodies.put("POST /api/leads", Map.of("channelCode", channelCode, "phone", "13800000000", "name", "张三",
                "unionid", "u1", "externalUserId", "wm1", "email", "a@b.cn", "answers", Map.of("grade", "初三")));
        bodies.put("POST /api/events", Map.of("eventId", "e1", "customerId", customer, "type", "LINK_CLICKED",
                "occurredAt", "2026-01-01T00:00:00Z", "payload", Map.of("contentTag", "x")));
        bodies.put("POST /api/channels", Map.of("name", "n", "code", "fuzz", "staff", List.of(rep), "tags", List.of("t"),
                "routing", "ROUND_ROBIN", "welcomeText", "hi", "expiresAt", "2099-01-01T00:00:00Z",
                "welcomeLink", Map.of("title", "t", "url", "https://example.edu")));
        bodies.put("POST /api/users", Map.of("username", "fuzz-user", "displayName", "d", "password", "long-enough-1",
                "role", "REP"));
        bodies.put("POST /api/tags", Map.of("name", "t", "group", "年级", "wecomTagId", "w"));
        bodies.put("POST /api/tags/groups", Map.of("name", "g", "oneTagOnly", true));
        bodies.put("POST /api/customers/" + customer + "/tags", Map.of("tag", "初三"));
        bodies.put("PUT /api/staff/" + rep + "/online", Map.of("online", false));
        bodies.put("PUT /api/reps/" + rep, Map.of("team", "t", "workStart", "09:00", "workEnd", "18:00",
                "workDays", "MON,TUE"));
        bodies.put("POST /api/reps/" + rep + "/deactivate", Map.of("successor", "nobody", "message", "m"));
        bodies.put("POST /api/merges", Map.of("customerIds", List.of(customer, "C1"), "reason", "r"));
        bodies.put("POST /api/reviews/none", Map.of("decision", "MERGE"));
        bodies.put("POST /api/me/tasks/none/complete", Map.of("outcome", "CALL_BACK", "callBackAt",
                "2099-01-01T00:00:00Z", "note", "n"));
        bodies.put("POST /api/simulation/clock", Map.of("advance", "PT1M"));
        bodies.put("POST /api/sop/contents", Map.of("name", "n", "text", "您好{{name}}", "attachments",
                List.of(Map.of("kind", "LINK", "title", "t", "url", "https://example.edu"))));
        bodies.put("POST /api/sop/contents/preview", Map.of("text", "t", "attachments", List.of(), "customerId", customer));
        bodies.put("POST /api/sop/plans", Map.of("key", "fuzz-plan", "name", "n", "silenceDays", 14, "channels", List.of(),
                "steps", List.of(Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "MORNING", "text", "hi",
                        "delivery", "AUTO"))));
        bodies.put("PUT /api/sop/customers/" + customer + "/time-zone", Map.of("timeZone", "Asia/Shanghai"));
        bodies.put("POST /api/sop/batches/1/resolve", Map.of("went", true, "msgId", "m"));
        bodies.put("POST /api/scripts", Map.of("title", "t", "category", "c", "body", "您好{{name}}"));
        bodies.put("POST /api/flows/lead-lifecycle/migrations", Map.of("fromVersion", 1, "toVersion", 2, "dryRun", true));
        bodies.put("POST /api/privacy-notices", Map.of("title", "t", "text", "个人信息处理规则"));
        bodies.put("POST /api/simulation/wecom/contact-added", Map.of("phone", "13800000000"));

        // Camunda's own REST API: its 4xx bodies are Camunda's, so only "no 5xx" applies
        Map<String, Map<String, Object>> engineBodies = new LinkedHashMap<>();
        engineBodies.put("POST /engine-rest/user/create", Map.of("profile", Map.of("id", "fuzz-engine", "firstName", "f",
                "lastName", "l", "email", "f@example.edu"), "credentials", Map.of("password", Api.REP_PASSWORD)));
        engineBodies.put("POST /engine-rest/message", Map.of("messageName", "Msg_Purchased", "businessKey", customer,
                "all", false));
        engineBodies.put("POST /engine-rest/process-definition/key/lead-lifecycle/start", Map.of("businessKey", "fuzz",
                "variables", Map.of("customerId", Map.of("value", "C-none", "type", "String"))));
        engineBodies.put("POST /engine-rest/task", Map.of("assignee", rep, "maxResults", 5, "firstResult", 0));
        engineBodies.put("POST /engine-rest/process-instance", Map.of("businessKey", customer, "active", true));

        for (int round = 0; round < ROUNDS; round++) {
            for (var endpoint : engineBodies.entrySet()) {
                var body = new LinkedHashMap<String, Object>(endpoint.getValue());
                String field = List.copyOf(body.keySet()).get(random.nextInt(body.size()));
                body.put(field, HOSTILE.get(random.nextInt(HOSTILE.size())));
                check(failures, endpoint.getKey() + " " + field,
                        api.post(endpoint.getKey().split(" ")[1], ADMIN, write(body)), false);
            }
            for (var endpoint : bodies.entrySet()) {
                var body = new LinkedHashMap<String, Object>(endpoint.getValue());
                String field = List.copyOf(body.keySet()).get(random.nextInt(body.size()));
                body.put(field, HOSTILE.get(random.nextInt(HOSTILE.size())));
                String[] call = endpoint.getKey().split(" ");
                String json = write(body);
                check(failures, endpoint.getKey() + " " + field, call[0].equals("PUT")
                        ? api.put(call[1], ADMIN, json) : api.post(call[1], ADMIN, json), true);
            }
            String text = String.valueOf(HOSTILE.get(random.nextInt(HOSTILE.size())));
            String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
            check(failures, "malformed JSON", api.post("/api/leads", ADMIN, "{\"channelCode\":" + text), true);
            check(failures, "events array", api.post("/api/events", ADMIN, "[" + write(text) + ", null]"), true);
            check(failures, "GET customer", api.get("/api/customers/" + encoded, ADMIN), true);
            check(failures, "GET qr", api.get("/api/channels/1/qr.png?size=" + encoded + "&ec=" + encoded
                    + "&margin=" + encoded, ADMIN), true);
            check(failures, "GET channel", api.get("/api/channels/" + encoded, ADMIN), true);
            check(failures, "GET import", api.get("/api/imports/" + encoded, ADMIN), true);
            check(failures, "GET rejected callbacks", api.get("/api/wecom/callbacks/rejected?limit=" + encoded, ADMIN), true);
            check(failures, "GET users", api.get("/api/users?role=" + encoded, ADMIN), true);
            check(failures, "GET reps", api.get("/api/reps/" + encoded, ADMIN), true);
            check(failures, "GET scripts", api.get("/api/scripts?category=" + encoded + "&customerId=" + encoded, ADMIN), true);
            check(failures, "GET chat contact", api.get("/api/workspace/contacts/" + encoded, ADMIN), true);
            check(failures, "GET jssdk", api.get("/api/workspace/jssdk?url=" + encoded, ADMIN), true);
            check(failures, "GET flow versions", api.get("/api/flows/" + encoded + "/versions", ADMIN), true);
            check(failures, "GET migration", api.get("/api/flows/migrations/" + encoded, ADMIN), true);
            check(failures, "GET plan", api.get("/api/sop/plans/" + encoded, ADMIN), true);
            check(failures, "GET window batches", api.get("/api/sop/windows/" + encoded + "/batches", ADMIN), true);
            check(failures, "GET content", api.get("/api/sop/contents/" + encoded, ADMIN), true);
            check(failures, "confirm batch", api.post("/api/me/push-batches/" + encoded + "/confirm", ADMIN, "{}"), true);
            check(failures, "lead code", api.get("/q/lead-codes/" + encoded + ".png", null), false);
            check(failures, "privacy notice", api.get("/q/privacy/" + encoded, null), false);
            check(failures, "import", api.post("/api/imports?charset=" + encoded + "&map.phone=" + encoded, ADMIN,
                    text), true);
            // the lead's own pages answer HTML; only "no 5xx" applies to them
            check(failures, "scan", api.get("/q/" + encoded + "?ref=" + encoded, null), false);
            check(failures, "lead form", api.postForm("/q/" + channelCode + "/lead",
                    Map.of("name", text, "phone", text, "scanId", text)), false);
            check(failures, "tracked link", api.get("/l/" + encoded, null), false);
            check(failures, "avatar", api.get("/q/staff/" + encoded + "/avatar", null), false);
            check(failures, "callback GET", api.get("/wecom/callback?msg_signature=" + encoded + "&timestamp="
                    + encoded + "&nonce=" + encoded + "&echostr=" + encoded, null), true);
            check(failures, "callback POST", api.post("/wecom/callback?msg_signature=" + encoded + "&timestamp="
                    + encoded + "&nonce=" + encoded, null, "<xml><Encrypt>" + text + "</Encrypt></xml>"), true);
        }

        assertThat(failures).as("seed " + SEED).isEmpty();
    }

    private static void check(List<String> failures, String what, Api.Response response, boolean problemJson) {
        if (response.status() >= 500) {
            failures.add(what + " → " + response.status() + " " + clip(response.body()));
        } else if (problemJson && response.status() == 400 && (!response.contentType().startsWith("application/problem+json")
                || !response.body().contains("\"field\""))) {
            failures.add(what + " → 400 without a field: " + response.contentType() + " " + clip(response.body()));
        }
    }

    private static String clip(String text) {
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static String write(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
