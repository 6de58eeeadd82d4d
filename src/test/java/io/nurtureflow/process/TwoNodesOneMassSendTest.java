package io.nurtureflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.NurtureFlowApplication;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.DatabaseTest;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.SeededClock;
import io.nurtureflow.support.TestDatabase;
import io.nurtureflow.support.WeComApi;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two application nodes (two Spring contexts, two engines) on one database, both with the real WeCom channel pointed
 * at one local stand-in. A rep's due customers go out as one mass-send (add_msg_template) for the step and window:
 * whatever the nodes, retries and refusals do, WeCom creates that task exactly once, and the send results read back
 * when the window closes land on each customer's push.
 */
@DatabaseTest
class TwoNodesOneMassSendTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int LEADS = 14;

    static MockWebServer wecom;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    /** the external user ids of every add_msg_template WeCom accepted */
    static final List<List<String>> tasks = new CopyOnWriteArrayList<>();
    static final AtomicBoolean refuseNext = new AtomicBoolean();
    static final AtomicBoolean holdNext = new AtomicBoolean();
    static final CountDownLatch held = new CountDownLatch(1);
    static final CountDownLatch release = new CountDownLatch(1);
    static final List<String> senders = new CopyOnWriteArrayList<>();
    static final List<String> reminded = new CopyOnWriteArrayList<>();
    static volatile String blocked;
    static volatile String stranger;

    @BeforeAll
    static void startWeComAndTwoNodes() throws IOException {
        SeededClock.resume();
        wecom = new MockWebServer();
        wecom.setDispatcher(new StandIn());
        wecom.start();
        nodeA = node("node-a");
        nodeB = node("node-b");
    }

    /**
     * The nodes stay up until the JVM ends: closing a second engine in the JVM leaves the shared test context's
     * Camunda REST API without an engine ("No process engine available"). Their job executors are off.
     */
    @AfterAll
    static void stop() {
        release.countDown();
        SeededClock.pause();
    }

    @Test
    void aRepsDueCustomersGoAsOneMassSendExactlyOnce() throws Exception {
        var api = new Api(Integer.parseInt(nodeA.getEnvironment().getProperty("local.server.port")));
        String rep = api.newUser("rep", "REP");
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "双节点", "staff", List.of(rep))).json();
        var plan = api.post("/api/sop/plans", ADMIN, Map.of("key", "two-nodes-" + UUID.randomUUID().toString().substring(0, 6),
                "name", "两个节点", "channels", List.of(channel.get("id").asLong()), "steps", List.of(
                        Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "NOON",
                                "text", "家长您好，明天的公开课 https://example.edu/two-nodes"),
                        Map.of("timing", "DAY_AT_WINDOW", "day", 3, "window", "NOON", "text", "第二条"))));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        var externals = new ArrayList<String>();
        var customers = new ArrayList<String>();
        for (int i = 0; i < LEADS; i++) {
            String external = "wm-" + UUID.randomUUID().toString().substring(0, 12);
            var lead = api.post("/api/leads", ADMIN, Map.of("channelCode", channel.get("code").asText(),
                    "name", Leads.newName(), "phone", Leads.newPhone(), "externalUserId", external));
            assertThat(lead.status()).as(lead.body()).isEqualTo(201);
            externals.add(external);
            customers.add(lead.json().get("customerId").asText());
        }
        blocked = externals.get(0);
        stranger = externals.get(1);
        var db = nodeA.getBean(JdbcTemplate.class);
        Instant due = instant(db.queryForMap("select due_at from push_outbox where customer_id = ? and step_no = 1",
                customers.get(0)).get("due_at"));
        var runtime = nodeA.getBean(RuntimeService.class);
        var a = nodeA.getBean(ManagementService.class);
        // each opening schedules the next: today's noon opens before tomorrow's is there
        String sql = "select id, closes_at from send_window_run where window_name = 'NOON' and time_zone = 'Asia/Shanghai'"
                + " and opens_at = ?";
        while (db.queryForList(sql, Timestamp.from(due)).isEmpty()) {
            var earlier = db.queryForMap("select id, opens_at from send_window_run where window_name = 'NOON'"
                    + " and time_zone = 'Asia/Shanghai' and state = 'SCHEDULED' order by opens_at limit 1");
            SeededClock.moveTo(instant(earlier.get("opens_at")).plusSeconds(1));
            a.executeJob(jobAt(a, windowOf(runtime, ((Number) earlier.get("id")).longValue()), "Timer_WindowOpens"));
        }
        var run = db.queryForMap(sql, Timestamp.from(due));
        long runId = ((Number) run.get("id")).longValue();
        Instant closes = instant(run.get("closes_at"));
        String window = windowOf(runtime, runId);
        var b = nodeB.getBean(ManagementService.class);

        // the window opens: node A runs the timer, which gathers what is due
        SeededClock.moveTo(due.plusSeconds(1));
        a.executeJob(jobAt(a, window, "Timer_WindowOpens"));
        var batches = db.queryForList("select id, customers, state from push_batch where run_id = ? and plan_key = ?",
                runId, plan.json().get("key").asText());
        assertThat(batches).as("one batch: one rep, one step, one content").hasSize(1);
        assertThat(batches.get(0)).containsEntry("customers", LEADS).containsEntry("state", "READY");

        // WeCom refuses the first call (rate limit): WeCom created nothing, the job's retry sends it
        refuseNext.set(true);
        int before = tasks.size();
        // other tests' leads may be due in the same opening: the job of this test's batch
        long batchId = ((Number) batches.get(0).get("id")).longValue();
        String send = a.createJobQuery().processInstanceId(window).activityId("Task_SendBatch").list().stream()
                .filter(job -> Long.valueOf(batchId).equals(runtime.getVariable(job.getExecutionId(), "batchId")))
                .findFirst().orElseThrow().getId();
        assertThatThrownBy(() -> a.executeJob(send)).hasStackTraceContaining("api concurrent out of limit");
        assertThat(tasks).hasSize(before);

        // node A is inside WeCom with the batch when node B runs the same job: B finds it in flight and leaves it
        SeededClock.moveTo(ClockUtil.now().toInstant().plusSeconds(61));
        holdNext.set(true);
        var threads = Executors.newSingleThreadExecutor();
        var onA = threads.submit(() -> a.executeJob(send));
        assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> b.executeJob(send)).hasStackTraceContaining("in flight");
        release.countDown();
        // B's failed attempt changed the job row (its retries) under A: A's transaction loses the race on the job and
        // rolls back, after WeCom took the batch and the batch's record committed on its own
        assertThatThrownBy(() -> onA.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(OptimisticLockingException.class);
        threads.shutdown();
        SeededClock.moveTo(ClockUtil.now().toInstant().plusSeconds(61));
        b.executeJob(send);
        var ours = tasks.stream().filter(task -> task.contains(externals.get(0))).toList();
        assertThat(ours).as("one task in WeCom for all of the rep's due customers").hasSize(1);
        assertThat(ours.get(0)).containsExactlyInAnyOrderElementsOf(externals);
        String msgId = "msg-" + (tasks.indexOf(ours.get(0)) + 1);
        assertThat(db.queryForList("select status from push_outbox where step_no = 1 and batch_id = ?", String.class,
                batches.get(0).get("id"))).hasSize(LEADS).containsOnly("SENT");
        assertThat(db.queryForObject("select count(*) from push_outbox where step_no = 2 and status = 'SCHEDULED'"
                + " and batch_id is null and customer_id in (" + String.join(",", customers.stream().map(c -> "'" + c + "'")
                .toList()) + ")", Integer.class)).as("each lead's next step planned once").isEqualTo(LEADS);

        // the window closes: what WeCom says each customer got lands on their push
        SeededClock.moveTo(closes.plusSeconds(1));
        for (int round = 0; round < 20; round++) {
            var due2 = a.createJobQuery().processInstanceId(window).executable().list();
            if (due2.isEmpty()) {
                break;
            }
            (round % 2 == 0 ? a : b).executeJob(due2.get(0).getId());
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(window).count()).as("window worked").isZero();
        assertThat(reminded).as("the unconfirmed task reminded once, before the close").containsOnlyOnce(msgId);
        assertThat(delivery(db, customers.get(0))).isEqualTo("BLOCKED_BY_QUOTA");
        assertThat(delivery(db, customers.get(1))).isEqualTo("NOT_A_FRIEND");
        assertThat(delivery(db, customers.get(2))).isEqualTo("SENT");
        // the run's counters agree with its pushes: a lead an earlier test class left in the database may be due in
        // the same window, so the run is compared with its own rows, and holds at least this rep's
        String ofRun = "select count(*) from push_outbox o join push_batch b on b.id = o.batch_id where b.run_id = ?"
                + " and o.status = 'SENT'";
        int sent = db.queryForObject(ofRun, Integer.class, runId);
        int delivered = db.queryForObject(ofRun + " and o.delivery_status = 'SENT'", Integer.class, runId);
        int failed = db.queryForObject(ofRun + " and o.delivery_status not in ('SENT', 'PENDING', 'NOT_CONFIRMED')",
                Integer.class, runId);
        assertThat(sent).isGreaterThanOrEqualTo(LEADS);
        assertThat(db.queryForMap("select sent, delivered, failed from send_window_run where id = ?", runId))
                .containsEntry("sent", sent).containsEntry("delivered", delivered).containsEntry("failed", failed);
    }

    private static String windowOf(RuntimeService runtime, long runId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey("send-window").variableValueEquals("runId", runId)
                .singleResult().getId();
    }

    private static String jobAt(ManagementService management, String instance, String activity) {
        var jobs = management.createJobQuery().processInstanceId(instance).activityId(activity).list();
        assertThat(jobs).as("a job at %s among %s", activity, management.createJobQuery().processInstanceId(instance)
                .list().stream().map(j -> management.createJobDefinitionQuery().jobDefinitionId(j.getJobDefinitionId())
                .singleResult()).map(d -> d.getActivityId() + "/" + d.getJobType() + "/" + d.getJobConfiguration()).toList())
                .isNotEmpty();
        return jobs.get(0).getId();
    }

    private static String delivery(JdbcTemplate db, String customer) {
        return db.queryForObject("select delivery_status from push_outbox where customer_id = ? and step_no = 1",
                String.class, customer);
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : Timestamp.valueOf((LocalDateTime) value).toInstant();
    }

    private static ConfigurableApplicationContext node(String name) {
        String base = wecom.url("/").toString();
        return new SpringApplicationBuilder(NurtureFlowApplication.class)
                .profiles(new TestDatabase.Profiles().resolve(TwoNodesOneMassSendTest.class))
                // arguments, not default properties: they must win over application.yaml
                .run("--server.port=0",
                        // its own engine name: closing this node must not unregister the shared test context's engine
                        "--camunda.bpm.process-engine-name=" + name,
                        "--nurture.wecom.corp-id=ww-two-nodes", "--nurture.wecom.secret=test-secret",
                        "--nurture.wecom.api-base-url=" + base.substring(0, base.length() - 1),
                        "--spring.datasource.hikari.maximum-pool-size=5");
    }

    /** WeCom as far as this test needs it: tokens, mass-send tasks, their confirmation and send results. */
    static final class StandIn extends Dispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = request.getRequestUrl().encodedPath();
            if (path.equals("/cgi-bin/gettoken")) {
                return WeComApi.json("{\"errcode\":0,\"access_token\":\"TOKEN\",\"expires_in\":7200}");
            }
            JsonNode body = WeComApi.bodyOf(request);
            if (path.endsWith("/add_msg_template")) {
                if (refuseNext.getAndSet(false)) {
                    return WeComApi.json("{\"errcode\":45033,\"errmsg\":\"api concurrent out of limit\"}");
                }
                if (holdNext.getAndSet(false)) {
                    held.countDown();
                    release.await(120, TimeUnit.SECONDS);
                }
                var externals = new ArrayList<String>();
                body.get("external_userid").forEach(e -> externals.add(e.asText()));
                int number;
                synchronized (tasks) {
                    senders.add(body.get("sender").asText());
                    tasks.add(externals);
                    number = tasks.size();
                }
                return WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"msg-" + number + "\"}");
            }
            if (path.endsWith("/get_groupmsg_task")) {
                // the rep has not confirmed yet when the reminder is due
                String sender = senders.get(Integer.parseInt(body.get("msgid").asText().substring("msg-".length())) - 1);
                return WeComApi.json("{\"errcode\":0,\"next_cursor\":\"\",\"task_list\":[{\"userid\":\"" + sender
                        + "\",\"status\":0}]}");
            }
            if (path.endsWith("/remind_groupmsg_send")) {
                reminded.add(body.get("msgid").asText());
                return WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
            }
            if (path.endsWith("/get_groupmsg_send_result")) {
                var list = new StringBuilder();
                int task = Integer.parseInt(body.get("msgid").asText().substring("msg-".length())) - 1;
                for (String external : tasks.get(task)) {
                    int status = external.equals(blocked) ? 3 : external.equals(stranger) ? 2 : 1;
                    list.append(list.isEmpty() ? "" : ",").append("{\"external_userid\":\"").append(external)
                            .append("\",\"status\":").append(status).append('}');
                }
                return WeComApi.json("{\"errcode\":0,\"next_cursor\":\"\",\"send_list\":[" + list + "]}");
            }
            return new MockResponse().setResponseCode(404);
        }


    }
}
