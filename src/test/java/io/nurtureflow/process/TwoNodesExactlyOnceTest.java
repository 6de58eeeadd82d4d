package io.nurtureflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.NurtureFlowApplication;
import io.nurtureflow.sop.Pushes;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.DatabaseTest;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.TestDatabase;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two application nodes (two Spring contexts, two engines) on one database, both with the real WeCom channel
 * pointed at one local stand-in. Whatever the nodes, retries and optimistic-locking rollbacks do, WeCom receives
 * each (customer, plan version, step) exactly once and every lifecycle moves on exactly once.
 */
@DatabaseTest
class TwoNodesExactlyOnceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int LEADS = 12;

    static MockWebServer wecom;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;
    /** add_msg_template calls WeCom accepted, per external contact */
    static final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    static final String slow = "wm-slow-" + UUID.randomUUID().toString().substring(0, 6);
    static final String flaky = "wm-flaky-" + UUID.randomUUID().toString().substring(0, 6);
    static final CountDownLatch slowArrived = new CountDownLatch(1);
    static final CountDownLatch slowRelease = new CountDownLatch(1);

    @BeforeAll
    static void startWeComAndTwoNodes() throws IOException {
        wecom = new MockWebServer();
        wecom.setDispatcher(new StandIn());
        wecom.start();
        nodeA = node("node-a");
        nodeB = node("node-b");
    }

    /**
     * The nodes stay up until the JVM ends: closing a second engine in the JVM leaves the shared test context's
     * Camunda REST API without an engine ("No process engine available"). Their job executors are off and their
     * inbox sweep waits an hour, so they leave the other tests alone.
     */
    @AfterAll
    static void stop() {
        slowRelease.countDown();
    }

    @Test
    void eachPushReachesWeComExactlyOnce() throws Exception {
        var api = new Api(Integer.parseInt(nodeA.getEnvironment().getProperty("local.server.port")));
        String rep = api.newUser("rep", "REP");
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "双节点", "staff", List.of(rep))).json();
        var plan = api.post("/api/sop/plans", ADMIN, Map.of("key", "two-nodes-" + UUID.randomUUID().toString().substring(0, 6),
                "name", "两个节点", "channels", List.of(channel.get("id").asLong()), "steps", List.of(
                        Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "NOON",
                                "text", "{{name}}您好 https://example.edu/two-nodes"),
                        Map.of("timing", "DAY_AT_WINDOW", "day", 3, "window", "NOON", "text", "第二条"))));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);

        var externals = new ArrayList<String>(List.of(slow, flaky));
        for (int i = 0; i < LEADS; i++) {
            externals.add("wm-" + UUID.randomUUID().toString().substring(0, 12));
        }
        var customers = new ArrayList<String>();
        for (String external : externals) {
            var lead = api.post("/api/leads", ADMIN, Map.of("channelCode", channel.get("code").asText(),
                    "name", Leads.newName(), "phone", Leads.newPhone(), "externalUserId", external));
            assertThat(lead.status()).as(lead.body()).isEqualTo(201);
            customers.add(lead.json().get("customerId").asText());
        }
        var db = nodeA.getBean(JdbcTemplate.class);
        var instances = customers.stream().map(c -> db.queryForObject(
                "select lifecycle_instance_id from customer where id = ?", String.class, c)).toList();
        Instant due = customers.stream().map(c -> instant(db.queryForMap(
                "select due_at from push_outbox where customer_id = ? and step_no = 1", c).get("due_at")))
                .max(Instant::compareTo).orElseThrow();

        moveClockTo(due.plusSeconds(1));
        var managementA = nodeA.getBean(ManagementService.class);
        var managementB = nodeB.getBean(ManagementService.class);
        for (Job timer : dueJobs(managementA, instances)) {
            managementA.executeJob(timer.getId());
        }
        var pushJobs = dueJobs(managementA, instances);
        assertThat(pushJobs).as("one push job per lead, waiting to send").hasSize(externals.size());

        // node A is inside WeCom with the slow lead's push when node B runs the same job: B finds the push being
        // sent and fails (the job is retried later); A's transaction then loses the race on the job row and rolls
        // back after WeCom took the message
        String slowJob = jobOf(managementA, instances.get(0)).getId();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<?> onA = threads.submit(() -> managementA.executeJob(slowJob));
        assertThat(slowArrived.await(60, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> managementB.executeJob(slowJob)).hasStackTraceContaining("being sent by another attempt");
        slowRelease.countDown();
        assertThatThrownBy(onA::get).hasCauseInstanceOf(OptimisticLockingException.class);
        assertThat(accepted.get(slow)).hasValue(1);

        // every other push job, run by both nodes at the same moment
        var failures = new ConcurrentHashMap<String, AtomicInteger>();
        for (Job job : pushJobs) {
            if (job.getId().equals(slowJob)) {
                continue;
            }
            var barrier = new CyclicBarrier(2);
            var both = List.of(threads.submit(() -> race(barrier, managementA, job, failures)),
                    threads.submit(() -> race(barrier, managementB, job, failures)));
            for (Future<?> f : both) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
        threads.shutdown();

        // the retries (R3/PT5M) of whatever failed: the flaky lead's refused send and the slow lead's job
        moveClockTo(ClockUtil.now().toInstant().plus(Duration.ofMinutes(6)));
        for (int round = 0; round < 5; round++) {
            for (Job job : dueJobs(managementB, instances)) {
                try {
                    managementB.executeJob(job.getId());
                } catch (RuntimeException retriedLater) {
                    failures.computeIfAbsent("retry:" + retriedLater.getClass().getSimpleName(), k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }
            moveClockTo(ClockUtil.now().toInstant().plus(Duration.ofMinutes(6)));
        }
        System.out.println("two nodes: failures seen and survived " + failures + ", refused by WeCom " + refused);

        assertThat(refused.get(flaky)).as("WeCom refused the flaky lead once").hasValue(1);
        for (String external : externals) {
            assertThat(accepted.get(external)).as("WeCom took %s's push exactly once", external).hasValue(1);
        }
        var runtime = nodeB.getBean(RuntimeService.class);
        for (int i = 0; i < customers.size(); i++) {
            String customer = customers.get(i);
            assertThat(db.queryForMap("select status, wecom_msg_id from push_outbox where customer_id = ? and step_no = 1",
                    customer)).containsEntry("status", "SENT").extractingByKey("wecom_msg_id").isNotNull();
            assertThat(db.queryForObject("select count(*) from tracked_link where customer_id = ?", Integer.class,
                    customer)).as("one tracked link, the one in the message that went").isEqualTo(1);
            assertThat(runtime.getVariable(instances.get(i), "pushStep")).as("moved on exactly once").isEqualTo(2);
            assertThat(managementA.createJobQuery().processInstanceId(instances.get(i)).activityId("Timer_PushDue")
                    .count()).isEqualTo(1);
        }
        assertThat(instances).allMatch(pi -> runtime.createIncidentQuery().processInstanceId(pi).count() == 0);

        // what WeCom reports later is mapped back onto the pushes (by this call or the nodes' own poller, whichever
        // comes first: both run the same refresh)
        nodeA.getBean(Pushes.class).refreshDeliveries(500);
        assertThat(delivery(db, customers.get(0))).isEqualTo("SENT");
        assertThat(delivery(db, customers.get(1))).isEqualTo("BLOCKED_BY_QUOTA");
        assertThat(delivery(db, customers.get(2))).isEqualTo("NOT_A_FRIEND");
    }

    private static void race(CyclicBarrier barrier, ManagementService node, Job job, Map<String, AtomicInteger> failures) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
            node.executeJob(job.getId());
        } catch (Exception lostOrRetried) {
            failures.computeIfAbsent(lostOrRetried.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static List<Job> dueJobs(ManagementService management, List<String> instances) {
        return instances.stream().flatMap(pi -> management.createJobQuery().processInstanceId(pi).executable().list()
                .stream()).toList();
    }

    private static Job jobOf(ManagementService management, String instance) {
        return management.createJobQuery().processInstanceId(instance).executable().singleResult();
    }

    private static String delivery(JdbcTemplate db, String customer) {
        return db.queryForObject("select delivery_status from push_outbox where customer_id = ? and step_no = 1",
                String.class, customer);
    }

    private static void moveClockTo(Instant at) {
        ClockUtil.offset(at.toEpochMilli() - System.currentTimeMillis());
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : Timestamp.valueOf((LocalDateTime) value).toInstant();
    }

    private static ConfigurableApplicationContext node(String name) {
        String base = wecom.url("/").toString();
        return new SpringApplicationBuilder(NurtureFlowApplication.class)
                .profiles(new TestDatabase.Profiles().resolve(TwoNodesExactlyOnceTest.class))
                // arguments, not default properties: they must win over application.yaml
                .run("--server.port=0",
                        // its own engine name: closing this node must not unregister the shared test context's engine
                        "--camunda.bpm.process-engine-name=" + name,
                        "--nurture.wecom.corp-id=ww-two-nodes", "--nurture.wecom.secret=test-secret",
                        "--nurture.wecom.api-base-url=" + base.substring(0, base.length() - 1),
                        "--nurture.sop.delivery-poll-millis=3600000", "--nurture.inbox.sweep-millis=3600000");
    }

    /** WeCom as far as this test needs it: tokens, mass-send tasks and their send results. */
    static final class StandIn extends Dispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String path = request.getRequestUrl().encodedPath();
            if (path.equals("/cgi-bin/gettoken")) {
                return json("{\"errcode\":0,\"access_token\":\"TOKEN\",\"expires_in\":7200}");
            }
            JsonNode body = read(request);
            if (path.endsWith("/add_msg_template")) {
                String external = body.get("external_userid").get(0).asText();
                if (external.equals(slow)) {
                    slowArrived.countDown();
                    slowRelease.await(120, TimeUnit.SECONDS);
                }
                if (external.equals(flaky) && refused.computeIfAbsent(external, k -> new AtomicInteger()).get() == 0) {
                    refused.get(external).incrementAndGet();
                    return json("{\"errcode\":45033,\"errmsg\":\"api concurrent out of limit\"}");
                }
                accepted.computeIfAbsent(external, k -> new AtomicInteger()).incrementAndGet();
                return json("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"msg-" + external + "\"}");
            }
            if (path.endsWith("/get_groupmsg_send_result")) {
                String external = body.get("msgid").asText().substring("msg-".length());
                int status = external.equals(slow) ? 1 : external.equals(flaky) ? 3 : 2;
                return json("{\"errcode\":0,\"next_cursor\":\"\",\"send_list\":[{\"external_userid\":\"" + external
                        + "\",\"userid\":\"rep\",\"status\":" + status + "}]}");
            }
            return new MockResponse().setResponseCode(404);
        }

        private static JsonNode read(RecordedRequest request) {
            try {
                return JSON.readTree(request.getBody().readUtf8());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MockResponse json(String body) {
            return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
        }
    }
}
