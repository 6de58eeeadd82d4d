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

/** Bad input gets a clear answer naming the field and leaves nothing behind; every door has the right lock. */
@ServiceTest
class ApiContractTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    Api api;
    String rep;
    String code;

    @BeforeEach
    void channel() {
        api = new Api(port);
        rep = api.newUser("rep", "REP");
        var created = api.post("/api/channels", ADMIN, Map.of("name", "契约测试", "staff", List.of(rep)));
        code = created.json().get("code").asText();
    }

    @Test
    void theLeadFormRejectsAMalformedPhoneWithAnHtmlPageAndWritesNothing() {
        int leads = count("captured_lead");
        var answer = api.postForm("/q/" + code + "/lead", Map.of("name", "王芳", "phone", "1234"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).contains("请填写正确的手机号码").contains("aria-invalid=\"true\"");
        assertThat(count("captured_lead")).isEqualTo(leads);
    }

    @Test
    void theLeadFormNeedsAName() {
        var answer = api.postForm("/q/" + code + "/lead", Map.of("phone", Leads.newPhone()));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("请填写您的称呼");
    }

    @Test
    void anUnknownLiveCodeIsANotFoundPage() {
        var page = api.get("/q/no-such-code", null);

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("二维码无效");
        assertThat(api.postForm("/q/no-such-code/lead", Map.of("name", "x", "phone", Leads.newPhone())).status())
                .isEqualTo(404);
    }

    @Test
    void aLeadFromAnIntegrationNeedsAKnownChannelCode() {
        int leads = count("captured_lead");
        var answer = api.post("/api/leads", ADMIN, Map.of("channelCode", "nope-" + UUID.randomUUID().toString()
                .substring(0, 8), "phone", Leads.newPhone()));

        assertProblem(answer, "channelCode");
        assertProblem(api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", "12")), "phone");
        assertProblem(api.post("/api/leads", ADMIN, Map.of("phone", Leads.newPhone())), "channelCode");
        assertThat(count("captured_lead")).isEqualTo(leads);
    }

    @Test
    void anIntegrationLeadAnswersWithTheCustomerAndTheDedupOutcome() {
        String phone = Leads.newPhone();
        var first = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", phone, "name", "赵敏"));
        var again = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", "+86" + phone));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("outcome").asText()).isEqualTo("NEW");
        assertThat(again.json().get("outcome").asText()).isEqualTo("IN_NURTURE");
        assertThat(again.json().get("customerId").asText()).isEqualTo(first.json().get("customerId").asText());
    }

    @Test
    void aChannelNeedsANameAndRealRepsAndWritesNothingOtherwise() {
        int channels = count("channel");

        assertProblem(api.post("/api/channels", ADMIN, Map.of("staff", List.of(rep))), "name");
        assertProblem(api.post("/api/channels", ADMIN, Map.of("name", "x", "staff", List.of(rep, "ghost"))), "staff[1].rep");
        assertProblem(api.post("/api/channels", ADMIN, Map.of("name", "x", "staff", List.of(rep), "code", "has space")), "code");
        var taken = api.post("/api/channels", ADMIN, Map.of("name", "x", "staff", List.of(rep), "code", code));
        assertThat(taken.status()).as("a code in use is a conflict").isEqualTo(409);
        assertThat(taken.json().get("field").asText()).isEqualTo("code");
        assertProblem(api.post("/api/channels", ADMIN, "{\"name\": \"x\", \"staff\": "), "body");
        assertThat(count("channel")).isEqualTo(channels);
    }

    @Test
    void liveCodeSizesOutsideTheRangeAreRefused() {
        long id = db.queryForObject("select id from channel where code = ?", Long.class, code);

        assertProblem(api.get("/api/channels/" + id + "/qr.png?size=64", ADMIN), "size");
        assertProblem(api.get("/api/channels/" + id + "/qr.svg?size=4096", ADMIN), "size");
        assertThat(api.get("/api/channels/" + id + "/qr.svg?size=300", ADMIN).body()).startsWith("<svg");
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedNamingTheParameter() {
        long id = db.queryForObject("select id from channel where code = ?", Long.class, code);

        assertProblem(api.get("/api/channels/abc", ADMIN), "id");
        assertProblem(api.get("/api/channels/" + id + "/qr.png?size=abc", ADMIN), "size");
        assertProblem(api.post("/api/sop/plans", ADMIN, Map.of("key", "contract-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "x", "steps", List.of(Map.of("timing", "DAY_AT_WINDOW", "day", "tomorrow", "window", "NOON")))),
                "steps[0].day");
    }

    @Test
    void aBadEventInABatchRejectsTheWholeBatchNamingIt() {
        int events = count("behaviour_event");
        var batch = List.of(
                Map.of("eventId", UUID.randomUUID().toString(), "phone", Leads.newPhone(), "type", "LINK_CLICKED"),
                Map.of("eventId", UUID.randomUUID().toString(), "phone", Leads.newPhone(), "type", "WAVED"));

        assertProblem(api.post("/api/events", ADMIN, batch), "[1].type");
        assertProblem(api.post("/api/events", ADMIN, Map.of("type", "PURCHASED", "phone", Leads.newPhone())), "eventId");
        assertProblem(api.post("/api/events", ADMIN, Map.of("eventId", "x", "type", "PURCHASED")), "customerId");
        assertProblem(api.post("/api/events", ADMIN, Map.of("eventId", "x", "type", "PURCHASED",
                "phone", Leads.newPhone(), "occurredAt", "yesterday")), "occurredAt");
        assertThat(count("behaviour_event")).isEqualTo(events);
    }

    @Test
    void aDuplicatedEventDeliveryIsHarmless() {
        var event = Map.of("eventId", UUID.randomUUID().toString(), "phone", Leads.newPhone(), "type", "LINK_CLICKED");

        assertThat(api.post("/api/events", ADMIN, event).json().get("accepted").asInt()).isEqualTo(1);
        var again = api.post("/api/events", ADMIN, event).json();
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void theSimulationClockRefusesNonsense() {
        assertProblem(api.post("/api/simulation/clock", ADMIN, Map.of("advance", "three days")), "advance");
        assertProblem(api.post("/api/simulation/clock", ADMIN, Map.of("advance", "-P1D")), "advance");
    }

    @Test
    void everythingButThePublicDoorsNeedsALogin() {
        var anonymous = api.get("/api/channels/1", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/me/tasks", null).status()).isEqualTo(401);
        assertThat(api.get("/engine-rest/task", null).status()).isEqualTo(401);

        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/q/" + code, null).status()).isEqualTo(200);
        assertThat(api.get("/l/unknown", null).status()).isEqualTo(404);
    }

    @Test
    void repsCannotAdministerOrReadOtherRepsLeadsOrTasks() {
        String otherRep = api.newUser("rep", "REP");
        api.postForm("/q/" + code + "/lead", Map.of("name", "钱多多", "phone", Leads.newPhone()));
        var task = api.get("/api/me/tasks", rep).json().get(0);
        String customerId = task.get("lead").get("id").asText();

        assertThat(api.post("/api/channels", otherRep, Map.of("name", "x", "staff", List.of(otherRep))).status()).isEqualTo(403);
        assertThat(api.get("/engine-rest/task", otherRep).status()).isEqualTo(403);
        assertThat(api.post("/api/simulation/clock", otherRep, Map.of("advance", "P1D")).status()).isEqualTo(403);
        assertThat(api.get("/api/customers/" + customerId, otherRep).status()).isEqualTo(403);
        assertThat(api.get("/api/me/tasks", otherRep).json()).isEmpty();
        assertThat(api.post("/api/me/tasks/" + task.get("id").asText() + "/complete", otherRep,
                Map.of("outcome", "REACHED")).status()).isEqualTo(403);
        assertThat(api.get("/api/customers/" + customerId, rep).status()).isEqualTo(200);
    }

    @Test
    void aSalesLeadSeesTheLeadButNotTheFullPhone() {
        String lead = api.newUser("lead", "SALES_LEAD");
        String phone = Leads.newPhone();
        var created = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", phone)).json();

        var profile = api.get("/api/customers/" + created.get("customerId").asText(), lead).json();

        assertThat(profile.get("identities").get(0).get("idValue").asText())
                .isEqualTo("+86" + phone.substring(0, 3) + "****" + phone.substring(7));
    }

    private void assertProblem(Api.Response answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).as(answer.body()).isEqualTo(field);
    }

    private int count(String table) {
        return db.queryForObject("select count(*) from " + table, Integer.class);
    }
}
