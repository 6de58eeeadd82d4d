package io.nurtureflow.bench;

import io.nurtureflow.NurtureFlowApplication;
import io.nurtureflow.support.Api;
import io.nurtureflow.wecom.WeComChannel;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bench/push-window.sh. For each size N: a fresh MariaDB database, the service as shipped (job executor on, its
 * application.yaml settings), {@value #REPS} reps behind one channel whose plan sends step 1 on day 1 in the NOON
 * window, and N leads waiting for that step. The clock reaches 12:00 Asia/Shanghai and the send-window process does
 * the rest through the simulated WeCom channel. Measured: customer pushes recorded SENT per second, from the window
 * opening to the last batch's record. Then, in the same run, the bare-engine baseline: 10,000 instances of a trivial
 * process waiting at their own timer, falling due at once. Writes docs/BENCHMARKS.md's section. Runs only when
 * NURTURE_BENCH=push-window.
 *
 * <p>{@value #SAMPLE} of the N leads come in through the real path ({@code POST /api/leads}: intake, customer,
 * identities, lifecycle, plan start); the others are written set-wise, and their rows are compared with the sample's.
 */
@EnabledIfEnvironmentVariable(named = "NURTURE_BENCH", matches = "push-window")
class PushWindowBench {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String SERVER = env("NURTURE_TEST_MARIADB_SERVER", "jdbc:mysql://127.0.0.1:3306/");
    static final String DATABASE = env("NURTURE_BENCH_DATABASE", "nurture_bench");
    static final String FLAGS = "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8";
    static final List<Integer> SIZES = Arrays.stream(env("NURTURE_BENCH_SIZES", "10000,30000,100000").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    static final int REPS = 200;
    static final int SAMPLE = 20;
    static final int TIMERS = Integer.parseInt(env("NURTURE_BENCH_TIMERS", "10000"));
    static final String PLAN = "bench-noon";
    static final Duration GIVE_UP = Duration.ofMinutes(40);
    /** A Tuesday morning; the plan's step 1 is due the next day at noon. Not the wall clock: runs compare. */
    static final Instant CAPTURED = LocalDate.of(2027, 3, 9).atTime(9, 0).atZone(SHANGHAI).toInstant();
    static final Instant OPENS = LocalDate.of(2027, 3, 10).atTime(LocalTime.NOON).atZone(SHANGHAI).toInstant();
    static final Instant CLOSES = OPENS.plus(Duration.ofHours(1));
    /** Columns that name the lead, its rep or the moment of writing: these differ between any two leads. */
    static final Set<String> OWN = Set.of("id", "customer_id", "name", "phone_tail", "owner_rep", "sender_rep",
            "id_value", "created_at", "updated_at", "owner_since", "started_at", "lifecycle_instance_id");

    @Test
    void customerPushesPerSecondWhenANoonWindowOpensAgainstBareEngineTimers() throws Exception {
        var runs = new ArrayList<WindowResult>();
        for (int size : SIZES) {
            runs.add(window(size));
        }
        var timers = bareEngine();
        new BenchReport(runs, timers, REPS, SAMPLE, DATABASE).write();
        for (var run : runs) {
            assertThat(run.sent()).as("every push of %d SENT", run.leads()).isEqualTo(run.leads());
            assertThat(run.notSent()).isZero();
            assertThat(run.outsideWindow()).isZero();
            assertThat(run.duplicates()).isZero();
            assertThat(run.massSends()).as("one mass-send per batch").isEqualTo(run.batches());
            assertThat(run.nextPlanned()).as("each lead's step 2 planned").isEqualTo(run.leads());
        }
        assertThat(timers.fired()).isEqualTo(TIMERS);
    }

    private static WindowResult window(int leads) throws Exception {
        var massSends = new AtomicLong();
        try (var app = start(massSends)) {
            var db = app.getBean(JdbcTemplate.class);
            var api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
            long seedStart = System.nanoTime();
            var reps = IntStream.range(0, REPS).mapToObj(i -> String.format("bench-rep-%03d", i)).toList();
            reps.forEach(rep -> ok(api.post("/api/users", Api.ADMIN, Map.of("username", rep, "displayName",
                    "顾问" + rep.substring(rep.length() - 3), "password", Api.REP_PASSWORD, "role", "REP"))));
            // a channel takes at most 100 staff: one channel (live code) per hundred reps
            var channelOf = new LinkedHashMap<String, Long>();
            var codes = new ArrayList<String>();
            for (int from = 0; from < REPS; from += 100) {
                var team = reps.subList(from, Math.min(REPS, from + 100));
                String code = "bench-poster-" + from / 100;
                long id = ok(api.post("/api/channels", Api.ADMIN, Map.of("name", "门店海报" + from / 100, "code", code,
                        "staff", team))).json().get("id").asLong();
                team.forEach(rep -> channelOf.put(rep, id));
                codes.add(code);
            }
            ok(api.post("/api/sop/plans", Api.ADMIN, Map.of("key", PLAN, "name", "午间首推", "channels", List.copyOf(new LinkedHashSet<>(channelOf.values())),
                    "steps", List.of(
                            Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "NOON",
                                    "text", "您好，我是您的顾问{{rep}}。为您整理了一份入门资料，有任何问题随时找我。"),
                            Map.of("timing", "DAY_AT_WINDOW", "day", 3, "window", "EVENING",
                                    "text", "本周公开课的报名通道已开放，点击查看课程安排 https://example.edu/courses/open-class"),
                            Map.of("timing", "DAY_AT_WINDOW", "day", 7, "window", "MORNING",
                                    "text", "这是往期学员的学习成果分享 https://example.edu/stories")))));
            var sample = new ArrayList<String>();
            for (int i = 0; i < SAMPLE; i++) {
                var lead = ok(api.post("/api/leads", Api.ADMIN, Map.of("channelCode", codes.get(i % codes.size()),
                        "name", "样本家长" + i, "phone", String.format("137%08d", i), "externalUserId",
                        String.format("wm-sample-%06d", i)))).json();
                sample.add(lead.get("customerId").asText());
            }
            var seeding = new LeadSeeding(db, channelOf, reps, PLAN, CAPTURED, app.getEnvironment());
            seeding.seed(leads - SAMPLE);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            // a written lead of the same rep (and so the same channel) as the first real one
            String twin = db.queryForObject("select min(id) from customer where id like 'BENCH%' and owner_rep ="
                    + " (select owner_rep from customer where id = ?)", String.class, sample.get(0));
            compare(db, sample.get(0), twin);
            assertThat(count(db, "select count(*) from push_outbox where plan_key = ? and status = 'SCHEDULED'"
                    + " and step_no = 1 and due_at = ?", PLAN, Timestamp.from(OPENS))).isEqualTo(leads);

            // the chain of window openings catches up to the one that matters, then the clock reaches it
            moveClockTo(OPENS.minus(Duration.ofMinutes(1)));
            var management = app.getBean(ManagementService.class);
            awaitTrue(() -> count(db, "select count(*) from send_window_run where window_name = 'NOON'"
                    + " and time_zone = 'Asia/Shanghai' and opens_at = ?", Timestamp.from(OPENS)) == 1
                    && management.createJobQuery().executable().count() == 0, Duration.ofMinutes(5));
            long sendsBefore = massSends.get();
            var heap = new HeapWatch();
            moveClockTo(OPENS);
            boolean done = awaitTrue(() -> {
                heap.sample();
                return count(db, "select count(*) from push_outbox where plan_key = ? and step_no = 1"
                        + " and status = 'SENT'", PLAN) >= leads;
            }, GIVE_UP);
            heap.sample();
            long runId = count(db, "select id from send_window_run where window_name = 'NOON'"
                    + " and time_zone = 'Asia/Shanghai' and opens_at = ?", Timestamp.from(OPENS));
            var phases = db.queryForMap("select min(created_at) first_batch, max(created_at) last_batch,"
                    + " min(dispatched_at) first_send, max(dispatched_at) last_send, count(*) batches,"
                    + " min(customers) smallest, max(customers) largest from push_batch where run_id = ?", runId);
            Instant lastSent = instant(db.queryForObject("select max(sent_at) from push_outbox where plan_key = ?"
                    + " and step_no = 1", Object.class, PLAN));
            return new WindowResult(leads, seedSeconds, done,
                    seconds(OPENS, lastSent),
                    seconds(OPENS, instant(phases.get("first_batch"))), seconds(OPENS, instant(phases.get("last_batch"))),
                    seconds(OPENS, instant(phases.get("first_send"))), seconds(OPENS, instant(phases.get("last_send"))),
                    ((Number) phases.get("batches")).longValue(), ((Number) phases.get("smallest")).longValue(),
                    ((Number) phases.get("largest")).longValue(),
                    count(db, "select count(*) from push_outbox where plan_key = ? and step_no = 1 and status = 'SENT'",
                            PLAN),
                    count(db, "select count(*) from push_outbox where plan_key = ? and step_no = 1 and status != 'SENT'",
                            PLAN),
                    count(db, "select count(*) from push_outbox where status = 'SENT' and (sent_at < ? or sent_at >= ?)",
                            Timestamp.from(OPENS), Timestamp.from(CLOSES)),
                    count(db, "select count(*) from (select customer_id, plan_key, step_no from push_outbox"
                            + " where status = 'SENT' group by customer_id, plan_key, step_no having count(*) > 1) t"),
                    massSends.get() - sendsBefore,
                    count(db, "select count(*) from push_outbox where plan_key = ? and step_no = 2"
                            + " and status = 'SCHEDULED'", PLAN),
                    heap.peakMb(), db.queryForObject("select version()", String.class));
        }
    }

    /**
     * Every column of the seeded lead's rows equals the real lead's, except those that name the lead, its rep or
     * the moment of writing; and those are set or unset alike.
     */
    private static void compare(JdbcTemplate db, String real, String seeded) {
        for (String sql : List.of("select * from customer where id = ?",
                "select * from customer_identity where customer_id = ? order by kind",
                "select * from sop_enrolment where customer_id = ?",
                "select * from push_outbox where customer_id = ? order by step_no")) {
            var expected = db.queryForList(sql, real);
            var actual = db.queryForList(sql, seeded);
            assertThat(actual).as(sql).hasSameSizeAs(expected).isNotEmpty();
            for (int i = 0; i < expected.size(); i++) {
                for (var column : expected.get(i).entrySet()) {
                    Object mine = actual.get(i).get(column.getKey());
                    if (OWN.contains(column.getKey().toLowerCase())) {
                        boolean lifecycle = column.getKey().equalsIgnoreCase("lifecycle_instance_id");
                        if (!lifecycle) {
                            assertThat(mine == null).as("%s: %s set alike", sql, column.getKey())
                                    .isEqualTo(column.getValue() == null);
                        }
                    } else {
                        assertThat(mine).as("%s: %s", sql, column.getKey()).isEqualTo(column.getValue());
                    }
                }
            }
        }
    }

    /**
     * The same engine, database and job-executor settings, no product code on the path: N instances of
     * start → timer → no-op service task → end, their timers due at one instant.
     */
    private static TimerResult bareEngine() throws Exception {
        try (var app = start(new AtomicLong())) {
            var repository = app.getBean(RepositoryService.class);
            var runtime = app.getBean(RuntimeService.class);
            var db = app.getBean(JdbcTemplate.class);
            var model = Bpmn.createExecutableProcess("bench-bare-timer").name("Bare timer").camundaHistoryTimeToLive(1)
                    .startEvent("StartEvent_Started").name("Started")
                    .intermediateCatchEvent("Timer_Due").name("Due").timerWithDate("${due}")
                    .serviceTask("Task_Nothing").name("Do nothing").camundaExpression("${true}")
                    .endEvent("EndEvent_Done").name("Done").done();
            repository.createDeployment().addModelInstance("bench-bare-timer.bpmn", model).deploy();
            Instant due = CAPTURED.plus(Duration.ofMinutes(90));
            var pool = Executors.newFixedThreadPool(4);
            var starts = new ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < 4; t++) {
                int from = t * TIMERS / 4;
                int to = (t + 1) * TIMERS / 4;
                starts.add(pool.submit(() -> IntStream.range(from, to).forEach(i -> runtime.startProcessInstanceByKey(
                        "bench-bare-timer", "bare-" + i, Variables.createVariables().putValue("due", Date.from(due))))));
            }
            for (var start : starts) {
                start.get();
            }
            pool.shutdown();
            var heap = new HeapWatch();
            moveClockTo(due);
            boolean done = awaitTrue(() -> {
                heap.sample();
                return runtime.createProcessInstanceQuery().processDefinitionKey("bench-bare-timer").count() == 0;
            }, GIVE_UP);
            Instant last = instant(db.queryForObject("select max(END_TIME_) from ACT_HI_PROCINST where PROC_DEF_KEY_ = ?",
                    Object.class, "bench-bare-timer"));
            long fired = count(db, "select count(*) from ACT_HI_PROCINST where PROC_DEF_KEY_ = ? and END_TIME_ is not null",
                    "bench-bare-timer");
            return new TimerResult(TIMERS, done, fired, seconds(due, last), heap.peakMb());
        }
    }

    /** A fresh database and the service on it, its clock at the capture moment, its WeCom mass-sends counted. */
    private static ConfigurableApplicationContext start(AtomicLong massSends) throws Exception {
        try (var connection = DriverManager.getConnection(SERVER + FLAGS, "root", "");
             var statement = connection.createStatement()) {
            statement.execute("drop database if exists `" + DATABASE + "`");
            statement.execute("create database `" + DATABASE + "` character set utf8mb4 collate utf8mb4_unicode_ci");
        }
        moveClockTo(CAPTURED);
        return new SpringApplicationBuilder(NurtureFlowApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(counting(massSends)))
                .run("--server.port=0", "--spring.datasource.url=" + SERVER + DATABASE + FLAGS,
                        "--spring.datasource.username=root", "--spring.datasource.password=",
                        "--spring.profiles.active=mysql", "--nurture.admin-password=" + Api.ADMIN_PASSWORD,
                        "--logging.level.root=warn");
    }

    private static BeanPostProcessor counting(AtomicLong massSends) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof WeComChannel channel)) {
                    return bean;
                }
                return Proxy.newProxyInstance(WeComChannel.class.getClassLoader(), new Class<?>[]{WeComChannel.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("massSend")) {
                                massSends.incrementAndGet();
                            }
                            try {
                                return method.invoke(channel, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    /** Checks once a second; answers whether the condition came true before the limit. */
    private static boolean awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
        var met = new CountDownLatch(1);
        var ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleWithFixedDelay(() -> {
            if (condition.getAsBoolean()) {
                met.countDown();
            }
        }, 0, 1, TimeUnit.SECONDS);
        try {
            return met.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            ticker.shutdownNow();
        }
    }

    private static void moveClockTo(Instant at) {
        ClockUtil.offset(at.toEpochMilli() - System.currentTimeMillis());
    }

    private static Api.Response ok(Api.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response;
    }

    private static long count(JdbcTemplate db, String sql, Object... args) {
        Long value = db.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }

    private static double seconds(Instant from, Instant to) {
        return to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Timestamp t ? t.toInstant()
                : value instanceof Date d ? d.toInstant() : Timestamp.valueOf((LocalDateTime) value).toInstant();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The most heap in use at any sample, and the sum of the heap pools' own peaks since the watch began. */
    static final class HeapWatch {

        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private long sampled;

        HeapWatch() {
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        void sample() {
            sampled = Math.max(sampled, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        long peakMb() {
            long poolPeaks = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return Math.max(sampled, poolPeaks) / (1024 * 1024);
        }
    }

    record WindowResult(int leads, double seedSeconds, boolean finished, double seconds, double firstBatch,
                        double lastBatch, double firstSend, double lastSend, long batches, long smallestBatch,
                        long largestBatch, long sent, long notSent, long outsideWindow, long duplicates, long massSends,
                        long nextPlanned, long peakHeapMb, String mariadb) {

        double perSecond() {
            return sent / seconds;
        }
    }

    record TimerResult(int timers, boolean finished, long fired, double seconds, long peakHeapMb) {

        double perSecond() {
            return fired / seconds;
        }
    }
}
