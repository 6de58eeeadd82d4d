package io.nurtureflow.process;

import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.ServiceTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the live job executor on and polling fast, moving the simulation clock still runs every due job on the
 * simulation's thread at its own due time: the executor cannot take a job while the clock stands at the jump's end.
 * Its own context (closed afterwards), so no other test meets a running job executor.
 */
@ServiceTest
@TestPropertySource(properties = {
        "camunda.bpm.job-execution.enabled=true",
        "camunda.bpm.job-execution.wait-time-in-millis=10",
        "camunda.bpm.job-execution.max-wait=20",
        "camunda.bpm.job-execution.backoff-time-in-millis=0"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SimulationClockTest extends RunningService {

    private static final String PROBE = "simulationClockProbe";
    private static final int INSTANCES = 24;
    private static final int TIMERS = 3;

    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    JobExecutor jobExecutor;

    @Test
    void everyTimerFiresAtItsOwnDueTimeWhileTheLiveExecutorStandsStill() {
        deployProbe();
        assertThat(jobExecutor.isActive()).as("this context runs the live job executor").isTrue();
        var waits = new LinkedHashMap<String, Duration>();
        for (int n = 1; n <= INSTANCES; n++) {
            // due times of different instances interleave: 7, 14, 21 min for one, 8, 16, 24 for the next ...
            Duration wait = Duration.ofMinutes(6 + n);
            waits.put(runtime.startProcessInstanceByKey(PROBE, Map.of("wait", wait.toString())).getId(), wait);
        }

        var moved = api.advanceClock("PT12H");

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        waits.forEach((instanceId, wait) -> {
            var instance = history.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult();
            assertThat(instance.getEndTime()).as("instance %s ran all its timers", instanceId).isNotNull();
            var timers = history.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
                    .activityType("intermediateTimer").orderByHistoricActivityInstanceStartTime().asc()
                    .orderPartiallyByOccurrence().asc().list();
            assertThat(timers).hasSize(TIMERS);
            Instant started = instance.getStartTime().toInstant();
            for (int k = 0; k < TIMERS; k++) {
                HistoricActivityInstance timer = timers.get(k);
                Instant due = started.plus(wait.multipliedBy(k + 1));
                // a job taken by the executor mid-jump fires at another job's time or the jump's end: minutes off
                assertThat(Duration.between(due, timer.getEndTime().toInstant()).abs())
                        .as("timer %d of %s (every %s) fired at %s, due %s", k + 1, instanceId, wait,
                                timer.getEndTime().toInstant(), due)
                        .isLessThan(Duration.ofSeconds(30));
            }
        });
        assertThat(jobExecutor.isActive()).as("the job executor is running again").isTrue();
    }

    private void deployProbe() {
        var builder = Bpmn.createExecutableProcess(PROBE).name("Simulation clock probe").camundaHistoryTimeToLive(1)
                .startEvent("Start_Probe");
        var flow = builder.intermediateCatchEvent("Timer_1").timerWithDuration("${wait}");
        for (int k = 2; k <= TIMERS; k++) {
            flow = flow.intermediateCatchEvent("Timer_" + k).timerWithDuration("${wait}");
        }
        repository.createDeployment().name(PROBE).addModelInstance(PROBE + ".bpmn", flow.endEvent("End_Probe").done())
                .deploy();
    }
}
