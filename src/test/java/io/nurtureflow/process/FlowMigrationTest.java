package io.nurtureflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.ServiceTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moving running leads to a new version of their flow, through the API admins use: leads wait at a user task with a
 * boundary timer and at an event gateway (a message or a timer). A dry run reports what would move and what would
 * not, and why, and changes nothing; the real move is a batch whose progress can be read.
 */
@ServiceTest
class FlowMigrationTest {

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    ManagementService management;
    Api api;
    String key;

    @BeforeEach
    void connect() {
        api = new Api(port);
        key = "flow-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDryRunListsWhatWouldMoveAndChangesNothingThenTheBatchMovesEveryLeadWhereItWaits() {
        deploy(flow("Task_CallLead", "v1"));
        String atTask = runtime.startProcessInstanceByKey(key, "C-task").getId();
        String atGateway = runtime.startProcessInstanceByKey(key, "C-gateway").getId();
        tasks.complete(tasks.createTaskQuery().processInstanceId(atGateway).singleResult().getId());
        deploy(flow("Task_CallLead", "v2"));

        var versions = api.get("/api/flows/" + key + "/versions", ADMIN).json();
        assertThat(versions).extracting(v -> v.get("version").asInt()).containsExactly(2, 1);
        assertThat(versions.get(1).get("running").asInt()).isEqualTo(2);
        assertThat(versions.get(1).get("waitingAt").get("Task_CallLead").asInt()).isEqualTo(1);
        assertThat(versions.get(1).get("waitingAt").get("Gateway_WhatNext").asInt()).isEqualTo(1);

        var dryRun = migrate(1, 2, true);
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.json().get("wouldMove")).extracting(JsonNode::asText).containsExactlyInAnyOrder(atTask, atGateway);
        assertThat(dryRun.json().get("wouldNotMove")).isEmpty();
        assertThat(onVersion(atTask)).as("a dry run changes nothing").isEqualTo(1);

        var started = migrate(1, 2, false);
        assertThat(started.status()).isEqualTo(202);
        String batch = started.json().get("batchId").asText();
        assertThat(started.json().get("totalJobs").asInt()).isPositive();
        runBatch(batch);

        assertThat(api.get("/api/flows/migrations/" + batch, ADMIN).json().get("done").asBoolean()).isTrue();
        assertThat(onVersion(atTask)).isEqualTo(2);
        assertThat(onVersion(atGateway)).isEqualTo(2);
        assertThat(runtime.getActiveActivityIds(atTask)).containsExactly("Task_CallLead");
        assertThat(runtime.getActiveActivityIds(atGateway)).containsExactly("Gateway_WhatNext");
        assertThat(management.createJobQuery().processInstanceId(atTask).activityId("Timer_CallOverdue").singleResult()
                .getProcessDefinitionId()).as("the boundary timer moved with its task")
                .isEqualTo(repository.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionVersion(2)
                        .singleResult().getId());
        runtime.createMessageCorrelation("Msg_Replied_" + key).processInstanceId(atGateway).correlate();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(atGateway).count())
                .as("the moved lead still answers its message").isZero();
    }

    @Test
    void aLeadWaitingWhereTheNewVersionHasNoSuchStepIsListedWithTheEnginesReason() {
        deploy(flow("Task_CallLead", "v1"));
        String atTask = runtime.startProcessInstanceByKey(key, "C-task").getId();
        String atGateway = runtime.startProcessInstanceByKey(key, "C-gateway").getId();
        tasks.complete(tasks.createTaskQuery().processInstanceId(atGateway).singleResult().getId());
        deploy(flow("Task_PhoneLead", "v2 renamed the task"));

        var dryRun = migrate(1, 2, true).json();

        assertThat(dryRun.get("wouldMove")).extracting(JsonNode::asText).containsExactly(atGateway);
        assertThat(dryRun.get("wouldNotMove")).hasSize(1);
        var refused = dryRun.get("wouldNotMove").get(0);
        assertThat(refused.get("processInstanceId").asText()).isEqualTo(atTask);
        assertThat(refused.get("businessKey").asText()).isEqualTo("C-task");
        assertThat(refused.get("reasons").toString()).contains("Task_CallLead");
        assertThat(onVersion(atTask)).isEqualTo(1);
    }

    @Test
    void badRequestsNameTheField() {
        deploy(flow("Task_CallLead", "v1"));
        assertThat(migrate(1, 1, true).json().get("field").asText()).isEqualTo("toVersion");
        assertThat(migrate(1, 7, true).json().get("field").asText()).isEqualTo("toVersion");
        assertThat(api.post("/api/flows/" + key + "/migrations", ADMIN, Map.of("toVersion", 1)).json().get("field").asText())
                .isEqualTo("fromVersion");
        assertThat(api.get("/api/flows/no-such-flow/versions", ADMIN).status()).isEqualTo(404);
        assertThat(api.get("/api/flows/" + key + "/versions", api.newUser("rep", "REP")).status()).isEqualTo(403);
    }

    /** A user task with a boundary timer, then an event gateway waiting for a reply or a timer. */
    private BpmnModelInstance flow(String taskId, String name) {
        return Bpmn.createExecutableProcess(key).name("Migration probe " + name).camundaHistoryTimeToLive(1)
                .startEvent("Start_Probe")
                .userTask(taskId).name("Call lead")
                .boundaryEvent("Timer_CallOverdue").cancelActivity(false).timerWithDuration("P1D").endEvent("End_Overdue")
                .moveToActivity(taskId)
                .eventBasedGateway().id("Gateway_WhatNext")
                .intermediateCatchEvent("Event_Replied").message("Msg_Replied_" + key).endEvent("End_Replied")
                .moveToLastGateway()
                .intermediateCatchEvent("Timer_Quiet").timerWithDuration("P14D").endEvent("End_Quiet")
                .done();
    }

    private void deploy(BpmnModelInstance model) {
        repository.createDeployment().name(key).addModelInstance(key + ".bpmn", model).deploy();
    }

    private Api.Response migrate(int from, int to, boolean dryRun) {
        return api.post("/api/flows/" + key + "/migrations", ADMIN, Map.of("fromVersion", from, "toVersion", to,
                "dryRun", dryRun));
    }

    private int onVersion(String instanceId) {
        String definition = runtime.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getProcessDefinitionId();
        return repository.getProcessDefinition(definition).getVersion();
    }

    /** The job executor is off in tests: the batch's seed, migration and monitor jobs are run here, in turn. */
    private void runBatch(String batchId) {
        for (int round = 0; round < 50; round++) {
            var batch = management.createBatchQuery().batchId(batchId).singleResult();
            if (batch == null) {
                return;
            }
            List<String> definitions = List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
                    batch.getMonitorJobDefinitionId());
            for (String definition : definitions) {
                for (Job job : management.createJobQuery().jobDefinitionId(definition).list()) {
                    management.executeJob(job.getId());
                }
            }
        }
        throw new AssertionError("batch " + batchId + " did not finish");
    }
}
