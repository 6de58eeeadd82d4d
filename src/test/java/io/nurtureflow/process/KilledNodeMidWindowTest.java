package io.nurtureflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.NurtureFlowApplication;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.DatabaseTest;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.SecondNode;
import io.nurtureflow.support.SeededClock;
import io.nurtureflow.support.TestDatabase;
import io.nurtureflow.support.WeComApi;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, point 4: a node killed with SIGKILL while WeCom is creating a rep's mass-send. The node is a second JVM
 * on the MariaDB test database working the send window with its own job executor; WeCom is a stand-in here that
 * holds the node's add_msg_template until the node is dead. This JVM's node then takes the window on: the batch
 * whose task WeCom may or may not have created is flagged with the reason and never sent a second time, every other
 * push goes exactly once, and the admin's answer (it went, or it did not) ends with each push sent once or queued
 * for the next window and each lead's next step planned. MariaDB only: a second JVM cannot reach the in-memory H2.
 */
@DatabaseTest
@EnabledIfSystemProperty(named = "nurture.test.db", matches = "mariadb")
class KilledNodeMidWindowTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int LEADS = 3;
    /** SIGKILL: the JDK reports a process ended by signal n as exit code 128 + n */
    static final int KILLED = 128 + 9;
    static final Duration CHILD_STARTS_WITHIN = Duration.ofMinutes(4);

    static MockWebServer wecom;
    static final StandIn standIn = new StandIn();
    static ConfigurableApplicationContext node;
    static Api api;
    static JdbcTemplate db;

    @BeforeAll
    static void startWeComAndThisNode() throws IOException {
        SeededClock.resume();
        wecom = new MockWebServer();
        wecom.setDispatcher(standIn);
        wecom.start();
        node = new SpringApplicationBuilder(NurtureFlowApplication.class)
                .profiles(new TestDatabase.Profiles().resolve(KilledNodeMidWindowTest.class))
                .run(nodeArguments("--camunda.bpm.process-engine-name=survivor").toArray(String[]::new));
        api = new Api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
        db = node.getBean(JdbcTemplate.class);
    }

    /** This node stays up until the JVM ends, as in TwoNodesOneMassSendTest: closing an engine upsets the shared one. */
    @AfterAll
    static void stop() {
        standIn.release();
        SeededClock.pause();
    }

    @Test
    void killedInsideAddMsgTemplateTheBatchIsFlaggedAndAnAdminSaysItWent() throws Exception {
        var scene = new Scene();
        takeOver(scene, killInsideAddMsgTemplate(scene, true));
        var flagged = flaggedBatchOf(scene);
        assertThat(standIn.calls(scene.held, 1)).as("WeCom asked once for the held rep's task").hasSize(1);
        othersWentOnce(scene);
        assertThat(scene.statuses(scene.heldCustomers, 1)).as("neither lost nor sent: waiting for the admin")
                .containsOnly("DISPATCHING");

        // the admin finds the task in the rep's group-message list and gives its id: the results can be read back
        String msgId = standIn.calls(scene.held, 1).get(0).msgId();
        var resolved = api.post("/api/sop/batches/" + flagged + "/resolve", ADMIN, Map.of("went", true, "msgId", msgId));
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("state").asText()).isEqualTo("DISPATCHED");
        assertThat(scene.statuses(scene.heldCustomers, 1)).containsOnly("SENT");
        assertThat(scene.nextStepsPlanned(scene.heldCustomers)).as("each lead's next step planned").isEqualTo(LEADS);

        advanceTo(scene.closes().plusSeconds(60));
        assertThat(standIn.calls(scene.held, 1)).as("never a second task for the batch").hasSize(1);
        assertThat(scene.deliveries(scene.heldCustomers)).as("read back when the window closed").containsOnly("SENT");
        assertThat(flaggedIds()).doesNotContain(flagged);
    }

    @Test
    void killedInsideAddMsgTemplateTheBatchIsFlaggedAndAnAdminSaysItDidNotGo() throws Exception {
        var scene = new Scene();
        takeOver(scene, killInsideAddMsgTemplate(scene, false));
        var flagged = flaggedBatchOf(scene);
        othersWentOnce(scene);
        // the window closes with the batch still undecided: nothing about it is guessed
        advanceTo(scene.closes().plusSeconds(60));
        assertThat(standIn.calls(scene.held, 1)).as("WeCom asked once for the held rep's task").hasSize(1);
        assertThat(scene.statuses(scene.heldCustomers, 1)).containsOnly("DISPATCHING");

        var resolved = api.post("/api/sop/batches/" + flagged + "/resolve", ADMIN, Map.of("went", false));
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("state").asText()).isEqualTo("SKIPPED");
        assertThat(scene.statuses(scene.heldCustomers, 1)).as("queued again").containsOnly("SCHEDULED");

        var next = db.queryForMap("select closes_at from send_window_run where window_name = 'NOON'"
                + " and time_zone = 'Asia/Shanghai' and opens_at > ? order by opens_at limit 1", Timestamp.from(scene.closes()));
        advanceTo(instant(next.get("closes_at")).plusSeconds(60));
        assertThat(scene.statuses(scene.heldCustomers, 1)).as("sent with the next window").containsOnly("SENT");
        var calls = standIn.calls(scene.held, 1);
        assertThat(calls).as("the lost call and the next window's").hasSize(2);
        assertThat(calls.stream().filter(c -> c.msgId() != null)).as("one task in WeCom").hasSize(1);
        assertThat(scene.nextStepsPlanned(scene.heldCustomers)).as("each lead's next step planned").isEqualTo(LEADS);
        assertThat(flaggedIds()).doesNotContain(flagged);
    }

    /**
     * Starts the second node on the clock of the window's opening, lets it take the window until it is inside
     * add_msg_template for the held rep, and kills it there. Answers when it claimed the batch.
     */
    private static Instant killInsideAddMsgTemplate(Scene scene, boolean wecomCreatesIt) throws Exception {
        // everything before the opening is done here, so the second node's first work is this window
        advanceTo(scene.due.minusSeconds(60));
        assertThat(db.queryForList("select id from send_window_run where window_name = 'NOON' and time_zone ="
                + " 'Asia/Shanghai' and opens_at = ? and state = 'SCHEDULED'", Timestamp.from(scene.due))).hasSize(1);
        var held = standIn.hold(scene.held, wecomCreatesIt);
        Path log = Path.of("target", "killed-node-" + scene.plan + ".log");
        Process child = SecondNode.start(scene.due.plusSeconds(1), log, nodeArguments("--nurture.wecom.timeout=PT30M"));
        try {
            long deadline = System.nanoTime() + CHILD_STARTS_WITHIN.toNanos();
            while (!held.await(1, TimeUnit.SECONDS)) {
                assertThat(child.isAlive()).as("the second node died on its own:\n%s", SecondNode.tail(log)).isTrue();
                assertThat(System.nanoTime()).as("the second node never reached add_msg_template:\n%s",
                        SecondNode.tail(log)).isLessThan(deadline);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed with SIGKILL").isEqualTo(KILLED);
        } finally {
            child.destroyForcibly();
            standIn.release();
        }
        var batch = db.queryForMap("select state, claimed_at from push_batch where plan_key = ? and sender_rep = ?"
                + " and step_no = 1", scene.plan, scene.held);
        assertThat(batch.get("state")).as("claimed, never recorded").isEqualTo("DISPATCHING");
        return instant(batch.get("claimed_at"));
    }

    /**
     * This node's job executor would take the dead node's batch job once the dead node's lock on it expires (the lock
     * was taken when that node acquired the job, a little before it claimed the batch): the first attempt finds the
     * batch in flight, the job's retry two minutes later finds the claim older than the job lock time and flags it.
     * The clock jumps to the lock's expiry without running what lies between, as a job executor would; from there
     * every job runs at its own due time.
     */
    private static void takeOver(Scene scene, Instant claimedAt) {
        var runtime = node.getBean(RuntimeService.class);
        String window = runtime.createProcessInstanceQuery().processDefinitionKey(ProcessVocabulary.SEND_WINDOW_PROCESS)
                .processInstanceBusinessKey("NOON Asia/Shanghai " + scene.due).singleResult().getId();
        var locks = db.queryForList("select LOCK_EXP_TIME_ from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ?"
                + " and LOCK_OWNER_ is not null", Object.class, window);
        assertThat(locks).as("the dead node still holds its batch jobs").isNotEmpty();
        SeededClock.moveTo(instant(locks.get(0)));
        // past the claim timeout (5 minutes) by more than one retry interval of Task_SendBatch (R4/PT2M)
        advanceTo(claimedAt.plus(Duration.ofMinutes(8)));
    }

    /** The held rep's batch is flagged for an admin with the reason, and the admin API lists it. */
    private static long flaggedBatchOf(Scene scene) {
        var batch = db.queryForMap("select id, state, claimed_by, flag_reason from push_batch where plan_key = ?"
                + " and sender_rep = ? and step_no = 1", scene.plan, scene.held);
        assertThat(batch.get("state")).isEqualTo("FLAGGED");
        assertThat((String) batch.get("flag_reason")).contains((String) batch.get("claimed_by"))
                .contains("never recorded");
        long id = ((Number) batch.get("id")).longValue();
        assertThat(flaggedIds()).contains(id);
        return id;
    }

    /** The other rep's customers of the same window: one task, each push sent, each next step planned. */
    private static void othersWentOnce(Scene scene) {
        assertThat(standIn.calls(scene.other, 1)).hasSize(1);
        assertThat(standIn.calls(scene.other, 1).get(0).externals()).containsExactlyInAnyOrderElementsOf(scene.otherExternals);
        assertThat(scene.statuses(scene.otherCustomers, 1)).containsOnly("SENT");
        assertThat(scene.nextStepsPlanned(scene.otherCustomers)).isEqualTo(LEADS);
    }

    private static List<Long> flaggedIds() {
        var flagged = api.get("/api/sop/batches/flagged", ADMIN);
        assertThat(flagged.status()).as(flagged.body()).isEqualTo(200);
        var ids = new ArrayList<Long>();
        flagged.json().forEach(b -> ids.add(b.get("id").asLong()));
        return ids;
    }

    /** This node runs everything due until then, each job at its own due time (the simulation clock). */
    private static void advanceTo(Instant target) {
        Duration step = Duration.between(ClockUtil.now().toInstant(), target);
        var moved = api.advanceClock((step.isNegative() ? Duration.ZERO : step).toString());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }

    private static List<String> nodeArguments(String... more) {
        String base = wecom.url("/").toString();
        var arguments = new ArrayList<>(List.of("--server.port=0",
                "--nurture.wecom.corp-id=ww-killed-node", "--nurture.wecom.secret=test-secret",
                "--nurture.wecom.api-base-url=" + base.substring(0, base.length() - 1),
                "--spring.datasource.hikari.maximum-pool-size=5"));
        arguments.addAll(List.of(more));
        return arguments;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : Timestamp.valueOf((LocalDateTime) value).toInstant();
    }

    /** Two reps, each with their own customers on one plan: the first rep's batch is the one the crash catches. */
    static final class Scene {

        final String plan = "killed-" + UUID.randomUUID().toString().substring(0, 6);
        final String held = api.newUser("held", "REP");
        final String other = api.newUser("other", "REP");
        final List<String> heldCustomers = new ArrayList<>();
        final List<String> otherCustomers = new ArrayList<>();
        final List<String> otherExternals = new ArrayList<>();
        final Instant due;

        Scene() {
            var heldChannel = channel(held);
            var otherChannel = channel(other);
            var saved = api.post("/api/sop/plans", ADMIN, Map.of("key", plan, "name", "窗口中途宕机",
                    "channels", List.of(heldChannel.get("id").asLong(), otherChannel.get("id").asLong()), "steps", List.of(
                            Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "NOON", "text", "第一步：公开课预告"),
                            Map.of("timing", "DAY_AT_WINDOW", "day", 3, "window", "NOON", "text", "第二步：课后资料"))));
            assertThat(saved.status()).as(saved.body()).isEqualTo(201);
            lead(heldChannel, heldCustomers, new ArrayList<>());
            lead(otherChannel, otherCustomers, otherExternals);
            due = instant(db.queryForObject("select due_at from push_outbox where customer_id = ? and step_no = 1",
                    Object.class, heldCustomers.get(0)));
            assertThat(db.queryForList("select distinct due_at from push_outbox where plan_key = ? and step_no = 1",
                    plan)).as("one window for all").hasSize(1);
        }

        /** The close of the window the first step is due in; its run is registered once the opening before it came. */
        Instant closes() {
            return instant(db.queryForObject("select closes_at from send_window_run where window_name = 'NOON'"
                    + " and time_zone = 'Asia/Shanghai' and opens_at = ?", Object.class, Timestamp.from(due)));
        }

        private static JsonNode channel(String rep) {
            var channel = api.post("/api/channels", ADMIN, Map.of("name", "宕机-" + rep, "staff", List.of(rep)));
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            return channel.json();
        }

        private static void lead(JsonNode channel, List<String> customers, List<String> externals) {
            String code = channel.get("code").asText();
            for (int i = 0; i < LEADS; i++) {
                String external = "wm-" + UUID.randomUUID().toString().substring(0, 12);
                var lead = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "name", Leads.newName(),
                        "phone", Leads.newPhone(), "externalUserId", external));
                assertThat(lead.status()).as(lead.body()).isEqualTo(201);
                customers.add(lead.json().get("customerId").asText());
                externals.add(external);
            }
        }

        List<String> statuses(List<String> customers, int step) {
            return customers.stream().map(c -> db.queryForObject("select status from push_outbox where customer_id = ?"
                    + " and plan_key = ? and step_no = ?", String.class, c, plan, step)).toList();
        }

        List<String> deliveries(List<String> customers) {
            return customers.stream().map(c -> db.queryForObject("select delivery_status from push_outbox where"
                    + " customer_id = ? and plan_key = ? and step_no = 1", String.class, c, plan)).toList();
        }

        int nextStepsPlanned(List<String> customers) {
            return customers.stream().mapToInt(c -> db.queryForObject("select count(*) from push_outbox where"
                    + " customer_id = ? and plan_key = ? and step_no = 2 and status = 'SCHEDULED'", Integer.class, c,
                    plan)).sum();
        }
    }

    /** One add_msg_template WeCom received: the rep, the customers, the content, and the task id if it made one. */
    record Call(String sender, List<String> externals, String text, String msgId) {
    }

    /**
     * WeCom as far as a send window needs it. It can hold one rep's next add_msg_template until released, having
     * created the task or not: a node killed meanwhile never learns which.
     */
    static final class StandIn extends Dispatcher {

        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private volatile String holdSender;
        private volatile boolean holdCreates;
        private volatile CountDownLatch held = new CountDownLatch(1);
        private volatile CountDownLatch release = new CountDownLatch(0);

        CountDownLatch hold(String sender, boolean creates) {
            held = new CountDownLatch(1);
            release = new CountDownLatch(1);
            holdCreates = creates;
            holdSender = sender;
            return held;
        }

        void release() {
            release.countDown();
        }

        /** The calls for a rep's step (by the step's text). */
        List<Call> calls(String sender, int step) {
            String marker = step == 1 ? "第一步" : "第二步";
            return calls.stream().filter(c -> c.sender().equals(sender) && c.text().contains(marker)).toList();
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = request.getRequestUrl().encodedPath();
            if (path.equals("/cgi-bin/gettoken")) {
                return WeComApi.json("{\"errcode\":0,\"access_token\":\"TOKEN\",\"expires_in\":7200}");
            }
            JsonNode body = WeComApi.bodyOf(request);
            if (path.endsWith("/add_msg_template")) {
                String sender = body.get("sender").asText();
                var externals = new ArrayList<String>();
                body.get("external_userid").forEach(e -> externals.add(e.asText()));
                boolean holding = sender.equals(holdSender);
                String msgId = holding && !holdCreates ? null : "msg-" + UUID.randomUUID().toString().substring(0, 8);
                calls.add(new Call(sender, externals, body.path("text").path("content").asText(""), msgId));
                if (holding) {
                    holdSender = null;
                    held.countDown();
                    release.await(10, TimeUnit.MINUTES);
                }
                return WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"" + msgId + "\"}");
            }
            String msgId = body.path("msgid").asText();
            var call = calls.stream().filter(c -> msgId.equals(c.msgId())).findFirst();
            if (path.endsWith("/get_groupmsg_task")) {
                // every rep confirmed: nobody needs a reminder
                return WeComApi.json("{\"errcode\":0,\"next_cursor\":\"\",\"task_list\":[" + call.map(c -> "{\"userid\":\""
                        + c.sender() + "\",\"status\":2}").orElse("") + "]}");
            }
            if (path.endsWith("/get_groupmsg_send_result")) {
                var sent = call.map(Call::externals).orElse(List.of()).stream()
                        .map(e -> "{\"external_userid\":\"" + e + "\",\"status\":1}").toList();
                return WeComApi.json("{\"errcode\":0,\"next_cursor\":\"\",\"send_list\":[" + String.join(",", sent) + "]}");
            }
            return WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
        }


    }
}
