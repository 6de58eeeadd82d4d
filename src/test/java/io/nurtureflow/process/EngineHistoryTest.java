package io.nurtureflow.process;

import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A lead's engine history keeps its flows, tasks and milestones, and none of the engine's steps or variables. */
@ServiceTest
class EngineHistoryTest extends RunningService {

    @Autowired
    HistoryService history;
    @Autowired
    TaskService tasks;

    @Test
    void aBoughtLeadLeavesItsFlowsTaskAndMilestonesInHistory() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        String leadId = db.queryForObject("select id from captured_lead where customer_id = ?", String.class, customerId);
        var task = tasks.createTaskQuery().processInstanceBusinessKey(customerId).singleResult();
        assertThat(api.post("/api/me/tasks/" + task.getId() + "/complete", rep, Map.of("outcome", "REACHED")).status())
                .isEqualTo(204);
        assertThat(Scenario.event(api, customerId, "PURCHASED").status()).isEqualTo(202);

        var intake = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey("lead-" + leadId)
                .singleResult();
        var lifecycle = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(customerId)
                .singleResult();
        assertThat(List.of(intake.getEndActivityId(), lifecycle.getEndActivityId()))
                .containsExactly("EndEvent_NurtureStarted", "SubProcess_Purchase");
        var kept = history.createHistoricActivityInstanceQuery().processInstanceId(lifecycle.getId()).list().stream()
                .map(HistoricActivityInstance::getActivityId).toList();
        assertThat(kept).containsExactlyInAnyOrder("Task_ContactLead", "EndEvent_LeadContacted", "Event_Purchased",
                "EndEvent_Converted");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(intake.getId()).list())
                .extracting(HistoricActivityInstance::getActivityId).containsExactly("EndEvent_NurtureStarted");
        var done = history.createHistoricTaskInstanceQuery().processInstanceId(lifecycle.getId()).singleResult();
        assertThat(done.getAssignee()).isEqualTo(rep);
        assertThat(done.getEndTime()).isNotNull();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(intake.getId(), lifecycle.getId())
                .count()).as("lead data lives in our tables").isZero();
    }
}
