package io.nurtureflow;

import io.nurtureflow.support.CallbackEndpoint;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static io.nurtureflow.support.WeComStandIn.contactAdded;
import static org.assertj.core.api.Assertions.assertThat;

/** The inputs that once answered 500 (issue 9) answer 400 naming the field, and leave nothing behind. */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class BadInputAnswersTest extends RunningService {

    @Test
    void anEmailOfUpTo254CharactersIsAnIdentity() {
        String channel = Scenario.channelOf(api, api.newUser("rep", "REP"));
        String email = "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + Leads.newName().hashCode() + "x.cn";

        var created = api.post("/api/leads", ADMIN, Map.of("channelCode", channel, "email", email, "name", "长邮箱"));

        assertThat(email.length()).isBetween(129, 254);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aNullAnswerIsBadInputAndNoLeadIsWritten() {
        String channel = Scenario.channelOf(api, api.newUser("rep", "REP"));
        String phone = Leads.newPhone();
        var answers = new HashMap<String, String>();
        answers.put("grade", null);

        var refused = api.post("/api/leads", ADMIN, Map.of("channelCode", channel, "phone", phone, "answers", answers));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("field").asText()).startsWith("answers");
        assertThat(db.queryForObject("select count(*) from captured_lead where phone like ?", Integer.class,
                "%" + phone.substring(phone.length() - 8))).isZero();
    }

    @Test
    void anEventFromTheYear10000IsBadInputAndNotStored() {
        String customer = Scenario.leadOf(api, api.newUser("rep", "REP"));

        var refused = api.post("/api/events", ADMIN, "{\"eventId\":\"far-" + customer + "\",\"customerId\":\"" + customer
                + "\",\"type\":\"LINK_CLICKED\",\"occurredAt\":\"+10000-01-01T00:00:00Z\"}");
        var batch = api.post("/api/events", ADMIN, "[{\"eventId\":\"ok-" + customer + "\",\"customerId\":\"" + customer
                + "\",\"type\":\"LINK_CLICKED\"},{\"eventId\":\"far2-" + customer + "\",\"customerId\":\"" + customer
                + "\",\"type\":\"LINK_CLICKED\",\"occurredAt\":\"+10000-01-01T00:00:00Z\"}]");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("occurredAt");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.json().get("field").asText()).isEqualTo("[1].occurredAt");
        assertThat(db.queryForObject("select count(*) from behaviour_event where customer_id = ?", Integer.class, customer))
                .as("the batch is all or nothing").isZero();
    }

    @Test
    void unusableSignedCallbacksAreAnsweredSuccessAndKeptForAnAdmin() {
        var callback = new CallbackEndpoint(port);
        String rep = api.newUser("rep", "REP");
        String channel = Scenario.channelOf(api, rep);
        long at = 1_800_000_000L + port;

        var farOff = callback.deliver(contactAdded(rep, Scenario.externalUserId(), channel, "w", 99_999_999_999_999L));
        var longId = callback.deliver(contactAdded(rep, "wm" + "x".repeat(200), channel, "w", at));
        var empty1 = callback.deliver(contactAdded(rep, "", channel, "w", at + 1));
        var empty2 = callback.deliver(contactAdded(rep, "", channel, "w", at + 2));

        for (var answer : List.of(farOff, longId, empty1, empty2)) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("success");
        }
        var rejected = api.get("/api/wecom/callbacks/rejected?limit=500", ADMIN);
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.body()).contains("CreateTime").contains("ExternalUserID");
        assertThat(db.queryForObject("select count(*) from captured_lead l join channel c on c.id = l.channel_id"
                + " where c.code = ?", Integer.class, channel)).as("no lead, and no one customer for every empty id").isZero();
        assertThat(api.get("/api/wecom/callbacks/rejected", rep).status()).isEqualTo(403);
    }

    @Test
    void anUnknownWeComUserIdOwnsNobody() {
        var callback = new CallbackEndpoint(port);
        String channel = Scenario.channelOf(api, api.newUser("rep", "REP"));
        String externalUserId = Scenario.externalUserId();

        var added = callback.deliver(contactAdded("someone-we-never-hired", externalUserId, channel, "w",
                1_800_100_000L + port));

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(db.queryForList("select c.owner_rep from customer c join customer_identity i on i.customer_id = c.id"
                + " where i.id_value = ?", String.class, externalUserId)).hasSize(1).containsOnlyNulls();
    }

    @Test
    void aHeadRequestIsNoScan() throws Exception {
        String rep = api.newUser("rep", "REP");
        String channel = Scenario.channelOf(api, rep);

        for (int i = 0; i < 3; i++) {
            var head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/q/" + channel)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
        }
        var missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/q/no-such-code")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(db.queryForObject("select count(*) from scan s join channel c on c.id = s.channel_id where c.code = ?",
                Integer.class, channel)).isZero();
        assertThat(db.queryForObject("select count(*) from channel_staff_day d join channel c on c.id = d.channel_id"
                + " where c.code = ? and d.assigned > 0", Integer.class, channel)).as("no routing turn, no cap used").isZero();
        assertThat(api.get("/q/" + channel, null).status()).isEqualTo(200);
        assertThat(db.queryForObject("select count(*) from scan s join channel c on c.id = s.channel_id where c.code = ?",
                Integer.class, channel)).as("a GET still is a scan").isEqualTo(1);
    }

    @Test
    void aLineBreakInAQueryParameterForgesNoLogLine(CapturedOutput output) {
        var callback = new CallbackEndpoint(port);

        var refused = callback.getWith("msg_signature=" + "0".repeat(40) + "&timestamp=1%0D%0AFORGED-LINE%20INFO%20admin"
                + "&nonce=" + "n".repeat(2000) + "&echostr=abc");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(output.getAll()).contains("1\\r\\nFORGED-LINE INFO admin").doesNotContain("\nFORGED-LINE")
                .contains("n".repeat(200) + "…(2000 chars)").doesNotContain("n".repeat(201));
    }
}
