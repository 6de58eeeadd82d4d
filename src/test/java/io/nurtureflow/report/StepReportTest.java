package io.nurtureflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.sop.Batches;
import io.nurtureflow.sop.Pushes;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.WeComApi;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SOP step performance through WeCom's real mass-send shape (a stand-in answering the documented JSON): pushes go
 * through a noon send window on the engine clock, one rep confirms the mass-send in the client and the other never
 * does, customers click, reply and unsubscribe within and after 24 hours, and every count is the raw tables'.
 */
@ServiceTest
class StepReportTest extends RunningService {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<String> RESPONSES = List.of("LINK_CLICKED", "MESSAGE_REPLIED", "UNSUBSCRIBED");
    /** reps who confirm their mass-send tasks in the WeCom client */
    static final Set<String> CONFIRMING = ConcurrentHashMap.newKeySet();
    /** customers who deleted their rep: WeCom's send result 2 */
    static final Set<String> NOT_FRIENDS = ConcurrentHashMap.newKeySet();
    static final Map<String, List<String>> TASKS = new ConcurrentHashMap<>();
    static final Map<String, String> SENDERS = new ConcurrentHashMap<>();
    static final AtomicInteger IDS = new AtomicInteger();
    @RegisterExtension
    static final WeComApi WECOM = new WeComApi(call -> switch (call.path()) {
        case "/cgi-bin/externalcontact/add_contact_way" ->
                WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"cfg-" + IDS.incrementAndGet() + "\"}");
        case "/cgi-bin/externalcontact/add_msg_template" -> massSend(call.body());
        case "/cgi-bin/externalcontact/get_groupmsg_task" -> {
            String sender = SENDERS.get(call.body().get("msgid").asText());
            yield WeComApi.json("{\"errcode\":0,\"next_cursor\":\"\",\"task_list\":[{\"userid\":\"" + sender
                    + "\",\"status\":" + (CONFIRMING.contains(sender) ? 2 : 0) + "}]}");
        }
        case "/cgi-bin/externalcontact/get_groupmsg_send_result" -> sendResult(call.body().get("msgid").asText());
        default -> WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
    });

    @Autowired
    Pushes pushes;
    @Autowired
    Batches batches;

    @DynamicPropertySource
    static void wecom(DynamicPropertyRegistry registry) {
        WECOM.configure(registry);
    }

    @Test
    void pushesThroughANoonWindowCountAsTheRawTablesSayForWhomMayRead() {
        var world = new ReportsWorld();
        String planKey = "steps-" + world.suffix;
        String queuedKey = "queued-" + world.suffix;
        assertThat(api.post("/api/sop/plans", ADMIN, Map.of("key", planKey, "name", "新人七日", "channels",
                List.of(world.channelA, world.channelB), "steps", List.of(
                        Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "NOON",
                                "text", "{{name}}您好，试听课在这里 https://example.edu/trial"),
                        // an hour after noon's push, the same day: the cap of one a day moves it on when it is planned
                        Map.of("timing", "AFTER_PREVIOUS", "after", "PT1H", "text", "第二步"))))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/sop/plans", ADMIN, Map.of("key", queuedKey, "name", "公开课", "steps", List.of(
                Map.of("timing", "DAY_AT_WINDOW", "day", 0, "window", "NOON", "text", "公开课邀请")))).status())
                .isEqualTo(201);
        CONFIRMING.add(world.repA);
        String a1 = lead(world.codeA);
        String a2 = lead(world.codeA);
        String a3 = lead(world.codeA);
        String b1 = lead(world.codeB);
        String b2 = lead(world.codeB);
        NOT_FRIENDS.add(external(a2));
        LocalDate day1 = world.today().plusDays(1);

        // the morning of day 1 a flow queues another plan's step for a1: both come due in the same noon window
        advanceTo(day1.atTime(9, 0));
        pushes.queue(a1, queuedKey, 1, 1);
        advanceTo(day1.atTime(14, 0));
        Instant sent = (Instant) db.queryForObject("select sent_at from push_outbox where customer_id = ? and plan_key = ?"
                + " and step_no = 1", (rs, i) -> rs.getTimestamp(1).toInstant(), a1, planKey);

        // responses within 24 hours of the push count once per push; a repeated delivery of one event counts nothing
        event(a1, "LINK_CLICKED", sent.plus(Duration.ofHours(1)), "click-" + a1);
        event(a1, "LINK_CLICKED", sent.plus(Duration.ofHours(2)), "again-" + a1);
        event(a3, "MESSAGE_REPLIED", sent.plus(Duration.ofHours(1)), "reply-" + a3);
        assertThat(event(a3, "MESSAGE_REPLIED", sent.plus(Duration.ofHours(1)), "reply-" + a3).get("duplicates")
                .asInt()).isEqualTo(1);
        event(b1, "UNSUBSCRIBED", sent.plus(Duration.ofMinutes(30)), "unsub-" + b1);
        // b1's next push was cancelled with the unsubscribe: a reply a day and an hour later answers no push
        event(b1, "MESSAGE_REPLIED", sent.plus(Duration.ofHours(25)), "late-" + b1);
        // a window's results read back a second time settle nothing twice
        long runId = db.queryForObject("select max(run_id) from push_batch where plan_key = ?", Long.class, planKey);
        var before = batches.run(runId);
        var after = batches.collect(runId);
        assertThat(List.of(after.confirmed, after.delivered, after.notConfirmed, after.failed)).as("the window's own counts")
                .isEqualTo(List.of(before.confirmed, before.delivered, before.notConfirmed, before.failed));

        String day = "from=" + day1 + "&to=" + day1;
        var report = api.get("/api/reports/steps?" + day + "&plan=" + planKey, ADMIN).json();
        var first = row(report, 1);
        assertThat(counts(first)).containsExactly(5L, 0L, 5L, 3L, 2L, 1L, 1L, 1L);
        assertThat(first.get("label").asText()).isEqualTo("新人七日（" + planKey + "）v1 第1步");
        assertThat(first.get("rates").get("confirmed").asDouble()).isEqualTo(0.6);
        assertThat(first.get("rates").get("clicked").asDouble()).isEqualTo(0.5);
        var second = row(report, 2);
        assertThat(counts(second)).as("planned an hour after a push the same day").containsExactly(0L, 5L, 0L, 0L, 0L,
                0L, 0L, 0L);
        assertThat(second.get("shifted").get("CAP_PER_DAY").asLong()).isEqualTo(5);
        var queued = row(api.get("/api/reports/steps?" + day + "&plan=" + queuedKey + "&version=1", ADMIN).json(), 1);
        assertThat(counts(queued)).containsExactly(1L, 2L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(queued.get("shifted").get("OUTSIDE_SEND_WINDOWS").asLong()).as("queued at 09:00 for noon").isEqualTo(1);
        assertThat(queued.get("shifted").get("CAP_PER_DAY").asLong()).as("a1 had its push of the day").isEqualTo(1);

        var asLead = row(api.get("/api/reports/steps?" + day + "&plan=" + planKey, world.salesLead).json(), 1);
        assertThat(counts(asLead)).as("the sales lead's team: rep A").containsExactly(3L, 0L, 3L, 3L, 2L, 1L, 1L, 0L);
        var repB = row(api.get("/api/reports/steps?" + day + "&plan=" + planKey + "&rep=" + world.repB, ADMIN).json(), 1);
        assertThat(counts(repB)).as("never confirmed").containsExactly(2L, 0L, 2L, 0L, 0L, 0L, 0L, 1L);
        assertThat(api.get("/api/reports/steps?" + day + "&plan=" + planKey + "&rep=" + world.repB, world.salesLead)
                .json().get("rows")).as("not the sales lead's rep").isEmpty();
        assertThat(api.get("/api/reports/steps", world.repA).status()).isEqualTo(403);

        var csv = api.get("/api/reports/steps.csv?" + day + "&plan=" + planKey + "&team=" + world.teamA, ADMIN);
        assertThat(csv.bytes()).startsWith(0xEF, 0xBB, 0xBF);
        var lines = new String(csv.bytes(), StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.get(0)).startsWith("\"计划\",\"版本\",\"步骤\",\"应发\",\"顺延\",\"已发\",\"销售确认\",\"送达\"")
                .contains("\"顺延·每日频次上限\"");
        assertThat(lines.get(1)).startsWith("\"" + planKey + "\",1,1,3,0,3,3,2,1,1,0,1.0,0.6667,");
        assertThat(lines).hasSize(4).last().asString().startsWith("\"合计\",\"\",\"\",3,3,3,3,2,1,1,0,");

        // days on: step 2 goes, the queued step finds a1 capped again, and the roll-ups still agree with the raw tables
        api.advanceClock("P3D");
        var plans = List.of(planKey, queuedKey);
        assertThat(rolledUpSteps(plans)).isEqualTo(recomputedSteps(plans)).isNotEmpty();
        assertThat(rolledUpShifts(plans)).isEqualTo(recomputedShifts(plans)).isNotEmpty();
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        assertField(api.get("/api/reports/steps?from=2027-03-02&to=2027-03-01", ADMIN), "from");
        assertField(api.get("/api/reports/steps?to=soon", ADMIN), "to");
        assertField(api.get("/api/reports/steps.csv?plan=x&version=two", ADMIN), "version");
        assertField(api.get("/api/reports/steps?version=2", ADMIN), "version");
        assertField(api.get("/api/reports/steps?plan=x&version=0", ADMIN), "version");
        assertField(api.get("/api/reports/steps?plan=" + "p".repeat(41), ADMIN), "plan");
        var nobody = api.get("/api/reports/steps?plan=%27%20or%201%3D1&team=%F0%9F%92%A5", ADMIN);
        assertThat(nobody.status()).as(nobody.body()).isEqualTo(200);
        assertThat(nobody.json().get("rows")).isEmpty();
    }

    private void assertField(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
    }

    /** Two reps in two teams, each with a channel; the sales lead leads rep A. */
    final class ReportsWorld {
        final String suffix = Long.toString(System.nanoTime() % 1_000_000);
        final String salesLead = api.newUser("lead", "SALES_LEAD");
        final String repA = api.newUser("repa", "REP");
        final String repB = api.newUser("repb", "REP");
        final String teamA = "甲组" + suffix;
        final long channelA;
        final long channelB;
        final String codeA;
        final String codeB;

        ReportsWorld() {
            assertThat(api.put("/api/reps/" + repA, ADMIN, Map.of("team", teamA, "salesLead", salesLead)).status())
                    .isEqualTo(200);
            assertThat(api.put("/api/reps/" + repB, ADMIN, Map.of("team", "乙组" + suffix)).status()).isEqualTo(200);
            var a = api.post("/api/channels", ADMIN, Map.of("name", "步骤A" + suffix, "staff", List.of(repA))).json();
            var b = api.post("/api/channels", ADMIN, Map.of("name", "步骤B" + suffix, "staff", List.of(repB))).json();
            channelA = a.get("id").asLong();
            channelB = b.get("id").asLong();
            codeA = a.get("code").asText();
            codeB = b.get("code").asText();
        }

        LocalDate today() {
            return LocalDate.ofInstant(now(), SHANGHAI);
        }
    }

    private String lead(String code) {
        return Scenario.lead(api, code, Leads.newPhone(), Scenario.externalUserId());
    }

    private String external(String customerId) {
        return db.queryForObject("select id_value from customer_identity where customer_id = ? and kind = 'EXTERNAL_USER_ID'",
                String.class, customerId);
    }

    private Instant now() {
        return Instant.parse(api.advanceClock("PT0S").json().get("now").asText());
    }

    private void advanceTo(LocalDateTime local) {
        var moved = api.advanceClock(Duration.between(now(), local.atZone(SHANGHAI).toInstant()).toString());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private JsonNode event(String customerId, String type, Instant at, String eventId) {
        var accepted = api.post("/api/events", ADMIN, Map.of("eventId", eventId, "customerId", customerId, "type", type,
                "occurredAt", at.toString()));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json();
    }

    /** due, shifted, sent, confirmed, delivered, clicked, replied, unsubscribed */
    private static List<Long> counts(JsonNode row) {
        var c = row.get("counts");
        return List.of(c.get("due").asLong(), c.get("shifted").asLong(), c.get("sent").asLong(),
                c.get("confirmed").asLong(), c.get("delivered").asLong(), c.get("clicked").asLong(),
                c.get("replied").asLong(), c.get("unsubscribed").asLong());
    }

    private static JsonNode row(JsonNode report, int stepNo) {
        for (var row : report.get("rows")) {
            if (row.get("stepNo").asInt() == stepNo) {
                return row;
            }
        }
        throw new AssertionError("no step " + stepNo + " in " + report);
    }

    // --- the roll-ups, and the same counted again from the outbox, its batches, the shift log and the events

    private Map<String, List<Long>> rolledUpSteps(List<String> plans) {
        var rows = new TreeMap<String, List<Long>>();
        db.query("select cast(on_day as char(10)), plan_key, plan_version, step_no, rep, team, due, sent, confirmed,"
                + " delivered, clicked, replied, unsubscribed from report_step_day where plan_key in (?, ?)", rs -> {
            var counts = new ArrayList<Long>();
            for (int i = 7; i <= 13; i++) {
                counts.add(rs.getLong(i));
            }
            rows.put(key(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                    rs.getString(6)), counts);
        }, plans.get(0), plans.get(1));
        return rows;
    }

    private Map<String, List<Long>> recomputedSteps(List<String> plans) {
        var rows = new TreeMap<String, long[]>();
        String push = "select p.id, p.plan_key, p.plan_version, p.step_no, b.sender_rep, b.created_at, p.status, p.sent_at,"
                + " p.delivery_status, p.delivery_checked_at from push_outbox p join push_batch b on b.id = p.batch_id"
                + " where p.plan_key in (?, ?)";
        var sentPushes = new TreeMap<Long, String[]>();
        db.query(push, rs -> {
            long[] due = row(rows, day(rs.getTimestamp(6)), rs, rs.getString(5));
            due[0]++;
            if ("SENT".equals(rs.getString(7))) {
                long[] went = row(rows, day(rs.getTimestamp(8)), rs, rs.getString(5));
                String delivery = rs.getString(9);
                boolean settledLater = rs.getTimestamp(10).after(rs.getTimestamp(8));
                went[1]++;
                if (delivery.equals("SENT") || delivery.equals("BLOCKED_BY_QUOTA")
                        || delivery.equals("NOT_A_FRIEND") && settledLater) {
                    went[2]++;
                }
                if (delivery.equals("SENT")) {
                    went[3]++;
                }
            }
        }, plans.get(0), plans.get(1));
        db.query("select customer_id, plan_key, plan_version, step_no, sender_rep, meant_for from push_shift"
                + " where at_window and plan_key in (?, ?)", rs -> {
            row(rows, day(rs.getTimestamp(6)), rs, rs.getString(5))[0]++;
        }, plans.get(0), plans.get(1));
        // each response answers the customer's latest push in the 24 hours before it, once per push and kind
        var counted = new HashSet<String>();
        db.query("select e.type, e.occurred_at, e.customer_id from behaviour_event e where e.customer_id in"
                + " (select customer_id from push_outbox where plan_key in (?, ?)) and e.type in (?, ?, ?)"
                + " order by e.id", rs -> {
            Timestamp at = rs.getTimestamp(2);
            var latest = db.query("select p.id, p.plan_key, p.plan_version, p.step_no, b.sender_rep, p.sent_at"
                    + " from push_outbox p join push_batch b on b.id = p.batch_id where p.customer_id = ?"
                    + " and p.status = 'SENT' and p.sent_at >= ? and p.sent_at <= ? order by p.sent_at desc, p.id desc",
                    (answer, i) -> new Object[]{answer.getLong(1), answer.getString(2), answer.getInt(3), answer.getInt(4),
                            answer.getString(5), answer.getTimestamp(6)},
                    rs.getString(3), Timestamp.from(at.toInstant().minus(Duration.ofHours(24))), at);
            if (latest.isEmpty() || !counted.add(latest.get(0)[0] + rs.getString(1))) {
                return;
            }
            var p = latest.get(0);
            long[] answered = row(rows, key(day((Timestamp) p[5]), (String) p[1], (int) p[2], (int) p[3], (String) p[4],
                    teamOf((String) p[4])));
            answered[4 + RESPONSES.indexOf(rs.getString(1))]++;
        }, plans.get(0), plans.get(1), RESPONSES.get(0), RESPONSES.get(1), RESPONSES.get(2));
        var flat = new TreeMap<String, List<Long>>();
        rows.forEach((key, counts) -> flat.put(key, Arrays.stream(counts).boxed().toList()));
        return flat;
    }

    private Map<String, Long> rolledUpShifts(List<String> plans) {
        var rows = new TreeMap<String, Long>();
        db.query("select cast(on_day as char(10)), plan_key, plan_version, step_no, rep, team, reason, total"
                + " from report_step_shift_day where plan_key in (?, ?)", rs -> {
            rows.put(key(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                    rs.getString(6)) + "|" + rs.getString(7), rs.getLong(8));
        }, plans.get(0), plans.get(1));
        return rows;
    }

    private Map<String, Long> recomputedShifts(List<String> plans) {
        var rows = new TreeMap<String, Long>();
        db.query("select meant_for, plan_key, plan_version, step_no, sender_rep, reason from push_shift"
                + " where plan_key in (?, ?)", rs -> {
            rows.merge(key(day(rs.getTimestamp(1)), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                    teamOf(rs.getString(5))) + "|" + rs.getString(6), 1L, Long::sum);
        }, plans.get(0), plans.get(1));
        return rows;
    }

    /** The counts of one roll-up row, keyed by the day and the push's plan, version, step (columns 2–4) and rep. */
    private long[] row(Map<String, long[]> rows, LocalDate day, ResultSet push, String rep) throws SQLException {
        return row(rows, key(day, push.getString(2), push.getInt(3), push.getInt(4), rep, teamOf(rep)));
    }

    private static long[] row(Map<String, long[]> rows, String key) {
        return rows.computeIfAbsent(key, k -> new long[7]);
    }

    private String teamOf(String rep) {
        return db.queryForList("select team from rep_profile where rep = ?", String.class, rep).stream()
                .filter(Objects::nonNull).findFirst().orElse("");
    }

    private static String key(LocalDate day, String plan, int version, int step, String rep, String team) {
        return String.join("|", day.toString(), plan, Integer.toString(version), Integer.toString(step),
                rep == null ? "" : rep, team == null ? "" : team);
    }

    private static LocalDate day(Timestamp at) {
        return LocalDate.ofInstant(at.toInstant(), SHANGHAI);
    }

    private static MockResponse massSend(JsonNode body) {
        String msgId = "msg-" + IDS.incrementAndGet();
        var externals = new ArrayList<String>();
        body.get("external_userid").forEach(e -> externals.add(e.asText()));
        TASKS.put(msgId, externals);
        SENDERS.put(msgId, body.get("sender").asText());
        return WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"" + msgId + "\"}");
    }

    /** 0 while the rep has not confirmed; then 1 sent, or 2 for a customer who is no longer a friend. */
    private static MockResponse sendResult(String msgId) {
        boolean confirmed = CONFIRMING.contains(SENDERS.get(msgId));
        var list = new StringBuilder();
        for (String external : TASKS.getOrDefault(msgId, List.of())) {
            int status = !confirmed ? 0 : NOT_FRIENDS.contains(external) ? 2 : 1;
            list.append(list.isEmpty() ? "" : ",").append("{\"external_userid\":\"").append(external)
                    .append("\",\"userid\":\"").append(SENDERS.get(msgId)).append("\",\"status\":").append(status)
                    .append('}');
        }
        return WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"\",\"send_list\":[" + list + "]}");
    }
}
