import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The engine alone: our own lead-intake and lead-lifecycle BPMN with every delegate and listener replaced by a
 * no-op expression, on the same database and history settings, started the way an intake starts them. What this
 * reaches is the ceiling our HTTP intake is measured against. With FLOW "trivial" it starts a start → service task →
 * event-based gateway (a message or a day) flow instead: the engine's floor for anything that waits. With FLOW
 * "correlate" it starts the leads, then times one engagement message per lead, correlated by business key.
 * Prints one JSON line like FormLoad. The classpath needs the service's classes (target/classes) for its history
 * settings.
 * Usage: java -cp CLASSPATH BareEngineStarts.java JDBC_URL USER PASSWORD TOTAL CONCURRENCY PROCESSES_DIR [lead|trivial|correlate]
 */
public class BareEngineStarts {

    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        String flow = args.length > 6 ? args[6] : "lead";
        ProcessEngine engine = engine(args[0], args[1], args[2], concurrency);
        var deployment = engine.getRepositoryService().createDeployment().name("bare-engine-bench");
        if ("trivial".equals(flow)) {
            deployment.addModelInstance("trivial.bpmn", trivial());
        } else {
            deployment.addModelInstance("lead-intake.bpmn", bare(new File(args[5], "lead-intake.bpmn"), true));
            deployment.addModelInstance("lead-lifecycle.bpmn", bare(new File(args[5], "lead-lifecycle.bpmn"), false));
        }
        deployment.deploy();

        var runtime = engine.getRuntimeService();
        String result = switch (flow) {
            case "trivial" -> measure(total, concurrency, i -> runtime.startProcessInstanceByKey("trivial", "lead-" + i));
            case "lead" -> measure(total, concurrency, i -> startLead(runtime, i));
            case "correlate" -> {
                // the leads first, untimed; then one engagement each, correlated by business key as our inbox does
                String started = measure(total, concurrency, i -> startLead(runtime, i));
                yield started.contains("\"failures\":0,") ? measure(total, concurrency, i -> runtime
                        .createMessageCorrelation("Msg_Engaged").processInstanceBusinessKey("C" + i).correlate())
                        : started;
            }
            default -> throw new IllegalArgumentException("flow: lead, trivial or correlate, not " + flow);
        };
        engine.close();
        System.out.println(result);
        // a run with failed requests measured something else: the caller's script stops rather than report it
        System.exit(result.contains("\"failures\":0,") ? 0 : 1);
    }

    /** Runs work(0) … work(total - 1) on concurrency threads; one JSON line like FormLoad's. */
    static String measure(int total, int concurrency, IntConsumer work) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            running.add(workers.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    long t0 = System.nanoTime();
                    try {
                        work.accept(i);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        workers.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format(Locale.ROOT,
                "{\"requests\":%d,\"failures\":%d,\"seconds\":%.2f,\"perSecond\":%.1f,\"p50ms\":%.1f,\"p99ms\":%.1f}",
                total, failures.get(), seconds, total / seconds, pct(sorted, 0.50), pct(sorted, 0.99));
    }

    /** Same shape, no work: delegates become ${true}, the lifecycle start stays a real start, listeners go. */
    static BpmnModelInstance bare(File file, boolean intake) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file);
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            task.removeAttributeNs(org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS, "delegateExpression");
            boolean startsLifecycle = intake && task.getId().contains("Lifecycle") && !task.getId().contains("Notify");
            task.setCamundaExpression(startsLifecycle
                    ? "${execution.processEngineServices.runtimeService.startProcessInstanceByKey('lead-lifecycle', execution.getVariable('customerId'), execution.getVariables())}"
                    : "${true}");
        }
        for (CamundaTaskListener listener : new ArrayList<>(model.getModelElementsByType(CamundaTaskListener.class))) {
            listener.getParentElement().removeChildElement(listener);
        }
        return model;
    }

    static void startLead(RuntimeService runtime, int i) {
        // what the replaced delegates would have set: the lifecycle's timers and gateways read them
        Date tomorrow = new Date(System.currentTimeMillis() + 86_400_000L);
        runtime.startProcessInstanceByKey("lead-intake", "lead-" + i, Map.ofEntries(
                Map.entry("leadId", (long) i), Map.entry("matchOutcome", "NEW"),
                Map.entry("matchStrength", "NONE"), Map.entry("ownership", "SAME_REP"),
                Map.entry("customerId", "C" + i), Map.entry("ownerRep", "rep"),
                Map.entry("followUpOpen", false),
                Map.entry("silenceAfter", "P14D"), Map.entry("dormantAfter", "P90D"),
                Map.entry("backFromSilence", false), Map.entry("followUpDue", tomorrow),
                Map.entry("salesLead", "lead")));
    }

    /** start → service task → event-based gateway: a message, or a day passes */
    static BpmnModelInstance trivial() {
        return Bpmn.createExecutableProcess("trivial").camundaHistoryTimeToLive(180).startEvent()
                .serviceTask().camundaExpression("${true}").eventBasedGateway().id("Gateway_Wait")
                .intermediateCatchEvent().message("Msg_Engaged").endEvent()
                .moveToNode("Gateway_Wait").intermediateCatchEvent().timerWithDuration("P1D").endEvent().done();
    }

    static ProcessEngine engine(String url, String user, String password, int concurrency) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(concurrency + 2);
        dataSource.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // the statement cache the service's mysql profile sets: the same driver settings on both sides
        dataSource.addDataSourceProperty("cachePrepStmts", "true");
        dataSource.addDataSourceProperty("prepStmtCacheSize", "500");
        dataSource.addDataSourceProperty("prepStmtCacheSqlLimit", "8192");
        var configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("bare-engine-bench");
        configuration.setDataSource(dataSource);
        configuration.setDatabaseType("mysql");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("audit");
        configuration.setHistoryRemovalTimeStrategy("start");
        // the history the service keeps, no more: the same writes for the same flow
        configuration.getProcessEnginePlugins().add(new io.nurtureflow.process.EngineHistory());
        // and the service's lookup of the timers' XML duration parser
        configuration.getProcessEnginePlugins().add(new io.nurtureflow.process.EngineTimerDurations());
        configuration.setJobExecutorActivate(false);
        configuration.setIdGenerator(new org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator());
        return configuration.buildProcessEngine();
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
