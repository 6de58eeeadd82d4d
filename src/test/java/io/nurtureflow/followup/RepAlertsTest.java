package io.nurtureflow.followup;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.WeComApi;
import io.nurtureflow.support.WeComApi.Call;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks reach the rep in WeCom: app messages (message/send, developer.work.weixin.qq.com/document/path/90236)
 * from the self-built app, against a stand-in WeCom answering the documented JSON, with errcodes scripted per
 * recipient.
 */
@ServiceTest
class RepAlertsTest extends RunningService {

    private static final String SEND = "/cgi-bin/message/send";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** errcodes WeCom answers a recipient's next messages with, in order; 0 once they run out */
    private static final Map<String, Queue<Integer>> SCRIPT = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    @RegisterExtension
    static final WeComApi WECOM = new WeComApi(call -> switch (call.path()) {
        case "/cgi-bin/externalcontact/add_contact_way" ->
                WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"cfg-" + IDS.incrementAndGet() + "\"}");
        case SEND -> send(call);
        default -> WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
    });

    @Autowired
    AlertSender sender;
    @Autowired
    DailyDigest digest;

    @DynamicPropertySource
    static void wecom(DynamicPropertyRegistry registry) {
        WECOM.configureApp(registry);
    }

    @Test
    void aNewTaskReachesItsRepAsATextCardFromTheAppRightAfterCommit() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        String name = api.get("/api/customers/" + customerId, ADMIN).json().get("name").asText();
        var task = api.get("/api/me/tasks", rep).json().get(0);

        // nobody calls the poller: the commit that created the task wakes the sender
        rows().await(rep, "SENT");

        var call = only(sendsTo(rep));
        assertThat(call.query().get("access_token")).as("the app's own token, not the 客户联系 secret's")
                .isEqualTo(WeComApi.tokenFor(WeComApi.APP_SECRET));
        assertThat(call.body().get("agentid").asInt()).isEqualTo(WeComApi.AGENT_ID);
        assertThat(call.body().get("msgtype").asText()).isEqualTo("textcard");
        assertThat(call.body().get("enable_duplicate_check").asInt()).isEqualTo(1);
        var card = call.body().get("textcard");
        assertThat(card.get("title").asText()).isEqualTo("新线索首次联系");
        assertThat(card.get("description").asText()).contains(name)
                .contains(RepAlerts.DUE.format(Instant.parse(task.get("dueAt").asText()).atZone(SHANGHAI)));
        assertThat(card.get("url").asText())
                .as("the task's customer in the workspace, where its outcome form is")
                .isEqualTo("http://nurture.test/m#customer/" + task.get("lead").get("id").asText());
        assertThat(rows().of(rep).get(0)).containsEntry("msg_id", "msg-" + rep);
    }

    @Test
    void systemBusyIsTriedAgainAndTheAlertGoesOnce() {
        String rep = api.newUser("rep", "REP");
        SCRIPT.put(rep, new ConcurrentLinkedQueue<>(List.of(-1)));
        Scenario.leadOf(api, rep);

        rows().await(rep, "SENT");

        assertThat(sendsTo(rep)).as("busy once, then taken").hasSize(2);
        sender.sendDue();
        assertThat(sendsTo(rep)).as("sent once: not again").hasSize(2);
    }

    @Test
    void anAlertWeComKeepsRefusingWithSystemBusyWaitsAndGoesOnALaterRound() {
        String rep = api.newUser("rep", "REP");
        // the client's own three attempts all meet "system busy"
        SCRIPT.put(rep, new ConcurrentLinkedQueue<>(List.of(-1, -1, -1)));
        Scenario.leadOf(api, rep);

        rows().await(rep, "PENDING", row -> ((Number) row.get("attempts")).intValue() == 1);
        assertThat(rows().of(rep).get(0)).containsEntry("errcode", -1);
        sender.sendDue();
        assertThat(sendsTo(rep)).as("not again before its pause is over").hasSize(3);

        api.advanceClock("PT1M");
        sender.sendDue();

        rows().await(rep, "SENT");
        assertThat(sendsTo(rep)).hasSize(4);
    }

    @Test
    void aRepWeComDoesNotKnowIsRecordedWithItsErrcodeAndOthersStillGetTheirs() {
        String ghost = api.newUser("rep", "REP");
        String rep = api.newUser("rep", "REP");
        SCRIPT.put(ghost, new ConcurrentLinkedQueue<>(List.of(81013)));
        Scenario.leadOf(api, ghost);
        Scenario.leadOf(api, rep);

        rows().await(ghost, "FAILED");
        rows().await(rep, "SENT");

        assertThat(sendsTo(ghost)).as("81013 is final: not tried again").hasSize(1);
        assertThat(rows().of(ghost).get(0)).containsEntry("errcode", 81013);
        var failed = api.get("/api/alerts?state=FAILED", ADMIN);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().findValuesAsText("rep")).contains(ghost).doesNotContain(rep);
        assertThat(api.get("/api/alerts", rep).status()).as("admins only").isEqualTo(403);
        assertThat(api.get("/api/alerts?state=LOST", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void eachRepGetsOneDigestAtTheStartOfTheirOwnWorkingDay() {
        String lead = api.newUser("lead", "SALES_LEAD");
        String early = api.newUser("rep", "REP");
        String late = api.newUser("rep", "REP");
        describe(early, lead, "08:00", "17:00");
        describe(late, lead, "13:00", "22:00");
        String earlyLead = Scenario.leadOf(api, early);
        String lateLead = Scenario.leadOf(api, late);
        LocalDate tomorrow = now().atZone(SHANGHAI).toLocalDate().plusDays(1);

        advanceTo(tomorrow.atTime(LocalTime.of(8, 30)));
        Scenario.event(api, earlyLead, "MESSAGE_REPLIED");
        digest.run();

        assertThat(digests(early)).hasSize(1);
        assertThat(digests(late)).as("not at work before 13:00").isEmpty();

        advanceTo(tomorrow.atTime(LocalTime.of(13, 30)));
        Scenario.event(api, lateLead, "MESSAGE_REPLIED");
        digest.run();
        digest.run();

        assertThat(digests(early)).as("once a working day").hasSize(1);
        assertThat(digests(late)).hasSize(1);
        rows().await(early, "SENT", row -> "DIGEST".equals(row.get("kind")));
        rows().await(late, "SENT", row -> "DIGEST".equals(row.get("kind")));
        var card = only(sendsTo(late).stream().filter(c -> c.body().get("textcard").get("title").asText()
                .equals("今日待办")).toList()).body().get("textcard");
        assertThat(card.get("description").asText()).contains("今日到期 1 项").contains("跟进提醒");
        assertThat(card.get("url").asText()).isEqualTo("http://nurture.test/m#tasks");
        assertThat(sendsTo(early).stream().filter(c -> c.body().get("textcard").get("title").asText()
                .equals("今日待办"))).hasSize(1);
    }

    @Test
    void aMissedFirstContactReachesTheRepsSalesLeadOrEverySalesLeadWhenTheRepHasNone() {
        String lead = api.newUser("lead", "SALES_LEAD");
        String otherLead = api.newUser("lead", "SALES_LEAD");
        String led = api.newUser("rep", "REP");
        String alone = api.newUser("rep", "REP");
        describe(led, lead, "09:00", "18:00");
        String ledCustomer = Scenario.leadOf(api, led);
        String aloneCustomer = Scenario.leadOf(api, alone);

        // far past 24 working hours on any calendar: both first contacts are overdue and escalated
        assertThat(api.advanceClock("P10D").status()).isEqualTo(200);

        String ledName = name(ledCustomer);
        String aloneName = name(aloneCustomer);
        rows().await(lead, "SENT", row -> escalationOf(row, ledName));
        rows().await(lead, "SENT", row -> escalationOf(row, aloneName));
        rows().await(otherLead, "SENT", row -> escalationOf(row, aloneName));
        assertThat(escalationsTo(lead)).as("the rep's own sales lead").anyMatch(card -> card.contains(name(ledCustomer)));
        assertThat(escalationsTo(otherLead)).as("not another lead's rep").noneMatch(card -> card.contains(name(ledCustomer)));
        assertThat(escalationsTo(otherLead)).as("a rep without a sales lead: every sales lead")
                .anyMatch(card -> card.contains(name(aloneCustomer)));
        assertThat(escalationsTo(lead)).anyMatch(card -> card.contains(name(aloneCustomer)));
    }

    private static boolean escalationOf(Map<String, Object> row, String customerName) {
        return "ESCALATION".equals(row.get("kind")) && String.valueOf(row.get("description")).contains(customerName);
    }

    private List<String> escalationsTo(String lead) {
        return sendsTo(lead).stream().map(c -> c.body().get("textcard"))
                .filter(card -> card.get("title").asText().equals("超时升级"))
                .map(card -> card.get("description").asText()).toList();
    }

    private String name(String customerId) {
        return api.get("/api/customers/" + customerId, ADMIN).json().get("name").asText();
    }

    private void describe(String rep, String lead, String starts, String ends) {
        var described = api.put("/api/reps/" + rep, ADMIN, Map.of("salesLead", lead, "workStart", starts,
                "workEnd", ends, "workDays", "MON,TUE,WED,THU,FRI,SAT,SUN"));
        assertThat(described.status()).as(described.body()).isEqualTo(200);
    }

    private static MockResponse send(Call call) {
        String rep = call.body().get("touser").asText();
        Integer errcode = SCRIPT.getOrDefault(rep, new ConcurrentLinkedQueue<>()).poll();
        if (errcode == null || errcode == 0) {
            return WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"msgid\":\"msg-" + rep + "\"}");
        }
        return WeComApi.json("{\"errcode\":" + errcode + ",\"errmsg\":\"scripted\"}");
    }

    private static List<Call> sendsTo(String rep) {
        return WECOM.calls(SEND).stream().filter(c -> c.body().get("touser").asText().equals(rep)).toList();
    }

    private static Call only(List<Call> calls) {
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    private List<Map<String, Object>> digests(String rep) {
        return db.queryForList("select state from rep_alert where rep = ? and kind = 'DIGEST'", rep);
    }

    private AlertRows rows() {
        return new AlertRows(db);
    }

    private Instant now() {
        return Instant.parse(api.advanceClock("PT0S").json().get("now").asText());
    }

    private void advanceTo(java.time.LocalDateTime local) {
        var moved = api.advanceClock(Duration.between(now(), local.atZone(SHANGHAI).toInstant()).toString());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }
}
