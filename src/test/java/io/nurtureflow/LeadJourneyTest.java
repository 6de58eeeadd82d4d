package io.nurtureflow;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** One lead, end to end, through nothing but the public HTTP API (and the outbox table, to count pushes). */
@ServiceTest
class LeadJourneyTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aLeadWalksFromScanToPurchase() {
        String rep = api.newUser("rep", "REP");
        var channel = createChannel(rep, "门店海报");
        String code = channel.get("code").asText();

        var qr = api.get("/api/channels/" + channel.get("id").asText() + "/qr.png?size=256", ADMIN);
        assertThat(qr.contentType()).isEqualTo("image/png");
        assertThat(Leads.decodeQr(qr.bytes())).isEqualTo("http://nurture.test/q/" + code);

        var landing = api.get("/q/" + code, null);
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.body()).contains("门店海报").contains("顾问" + rep.substring(rep.length() - 4));

        var thanks = api.postForm("/q/" + code + "/lead", Map.of("scanId", Leads.scanIdOf(landing.body()),
                "name", "王芳", "phone", Leads.newPhone()));
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("提交成功");

        var tasks = api.get("/api/me/tasks", rep).json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("kind").asText()).isEqualTo("FIRST_CONTACT");
        assertThat(tasks.get(0).get("lead").get("tags").toString()).contains("门店");
        String customerId = tasks.get(0).get("lead").get("id").asText();

        api.advanceClock("P2D");
        assertThat(sentPushes(customerId)).isEqualTo(1);
        api.advanceClock("P2D");
        assertThat(sentPushes(customerId)).isEqualTo(2);
        api.advanceClock("PT0S");
        assertThat(sentPushes(customerId)).as("a push goes out at most once").isEqualTo(2);

        var clicked = api.post("/api/events", ADMIN, Map.of("eventId", UUID.randomUUID().toString(),
                "customerId", customerId, "type", "LINK_CLICKED"));
        assertThat(clicked.status()).isEqualTo(202);
        assertThat(kinds(api.get("/api/me/tasks", rep))).containsExactlyInAnyOrder("FIRST_CONTACT", "FOLLOW_UP");

        String link = db.queryForObject("select token from tracked_link where customer_id = ?", String.class, customerId);
        var redirect = api.get("/l/" + link, null);
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.location()).isEqualTo("https://example.edu/courses/open-class");
        assertThat(kinds(api.get("/api/me/tasks", rep))).as("a second click joins the open follow-up")
                .containsExactlyInAnyOrder("FIRST_CONTACT", "FOLLOW_UP");

        String firstContact = null;
        for (var task : api.get("/api/me/tasks", rep).json()) {
            if (task.get("kind").asText().equals("FIRST_CONTACT")) {
                firstContact = task.get("id").asText();
            }
        }
        assertThat(api.post("/api/me/tasks/" + firstContact + "/complete", rep,
                Map.of("outcome", "REACHED", "note", "加了微信")).status()).isEqualTo(204);

        var purchased = api.post("/api/events", ADMIN, Map.of("eventId", UUID.randomUUID().toString(),
                "customerId", customerId, "type", "PURCHASED"));
        assertThat(purchased.status()).isEqualTo(202);

        var profile = api.get("/api/customers/" + customerId, rep).json();
        assertThat(profile.get("stage").asText()).isEqualTo("CUSTOMER");
        assertThat(profile.get("timeline").findValuesAsText("kind")).contains("CAPTURED", "TAGGED", "PUSH", "EVENT", "TASK");
        assertThat(api.get("/api/me/tasks", rep).json()).as("purchase cancels open tasks").isEmpty();
        assertThat(lifecycleEnd(customerId)).isEqualTo("EndEvent_Converted");
    }

    @Test
    void aLeadWithNoInteractionFor14DaysGoesSilent() {
        String rep = api.newUser("rep", "REP");
        String code = createChannel(rep, "线上广告").get("code").asText();
        api.postForm("/q/" + code + "/lead", Map.of("name", "张伟", "phone", Leads.newPhone()));
        String customerId = api.get("/api/me/tasks", rep).json().get(0).get("lead").get("id").asText();

        api.advanceClock("P13D");
        assertThat(api.get("/api/customers/" + customerId, rep).json().get("stage").asText()).isEqualTo("NURTURING");
        api.advanceClock("P2D");

        assertThat(api.get("/api/customers/" + customerId, rep).json().get("stage").asText()).isEqualTo("SILENT");
        var lifecycle = api.get("/engine-rest/process-instance?processDefinitionKey=lead-lifecycle&businessKey="
                + customerId, ADMIN).json();
        assertThat(lifecycle).as("the silent stage is the lifecycle's own").hasSize(1);
        assertThat(api.get("/engine-rest/history/activity-instance?activityId=EndEvent_LeadWentSilent&processInstanceId="
                + lifecycle.get(0).get("id").asText(), ADMIN).json()).as("nurture ended as silent").hasSize(1);
        assertThat(api.get("/api/me/tasks", rep).json()).as("silence ends the open first-contact task").isEmpty();
    }

    @Test
    void theSamePersonScanningAgainGetsATouchpointNotASecondLifecycle() {
        String rep = api.newUser("rep", "REP");
        String poster = createChannel(rep, "海报").get("code").asText();
        String fair = createChannel(rep, "教育展").get("code").asText();
        String phone = Leads.newPhone();

        api.postForm("/q/" + poster + "/lead", Map.of("name", "李娜", "phone", phone));
        api.postForm("/q/" + fair + "/lead", Map.of("name", "李娜",
                "phone", "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7)));

        api.advanceClock("PT0S"); // the running lifecycle hears of the touchpoint in its own job
        var leads = db.queryForList("select customer_id, outcome from captured_lead where phone = ? order by id", "+86" + phone);
        assertThat(leads).extracting(row -> row.get("outcome")).containsExactly("NEW", "IN_NURTURE");
        String customerId = (String) leads.get(0).get("customer_id");
        assertThat(leads.get(1).get("customer_id")).isEqualTo(customerId);
        assertThat(api.get("/engine-rest/process-instance?processDefinitionKey=lead-lifecycle&businessKey=" + customerId,
                ADMIN).json()).hasSize(1);
        assertThat(api.get("/api/customers/" + customerId, ADMIN).json().get("tags").toString())
                .as("the new channel's tags are added to the running lifecycle").contains("海报", "教育展");
    }

    private com.fasterxml.jackson.databind.JsonNode createChannel(String rep, String name) {
        var created = api.post("/api/channels", ADMIN, Map.of("name", name, "staff", List.of(rep), "tags", List.of(name)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private int sentPushes(String customerId) {
        return db.queryForObject("select count(*) from push_outbox where customer_id = ? and status = 'SENT'",
                Integer.class, customerId);
    }

    private static List<String> kinds(Api.Response tasks) {
        var kinds = new java.util.ArrayList<String>();
        tasks.json().forEach(task -> kinds.add(task.get("kind").asText()));
        return kinds;
    }

    private String lifecycleEnd(String customerId) {
        var history = api.get("/engine-rest/history/process-instance?processDefinitionKey=lead-lifecycle"
                + "&processInstanceBusinessKey=" + customerId, ADMIN).json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("state").asText()).as(history.toString()).isEqualTo("COMPLETED");
        var ends = api.get("/engine-rest/history/activity-instance?activityType=noneEndEvent&processInstanceId="
                + history.get(0).get("id").asText(), ADMIN).json();
        var terminated = api.get("/engine-rest/history/activity-instance?activityType=terminateEndEvent&processInstanceId="
                + history.get(0).get("id").asText(), ADMIN).json();
        var reached = new java.util.ArrayList<String>();
        ends.forEach(end -> reached.add(end.get("activityId").asText()));
        terminated.forEach(end -> reached.add(end.get("activityId").asText()));
        // contact, plan and follow-ups end on branches of their own; the lifecycle's end is one of its exits
        var exits = List.of("EndEvent_Converted", "EndEvent_OptedOut", "EndEvent_Churned", "EndEvent_Dormant");
        return reached.stream().filter(exits::contains).findFirst().orElse("none: " + reached);
    }
}
