package io.nurtureflow.process;

import io.nurtureflow.support.DatabaseTest;
import io.nurtureflow.support.ProcessTestEngine;
import io.nurtureflow.support.SeededClock;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path through lead-lifecycle.bpmn: first contact and its escalation; automatic, failed and rep-confirmed
 * pushes with their reminders and deadline; engagement, follow-up, call-back and escalation; silence; each exit;
 * the way back from the silent SOP.
 */
@DatabaseTest
@Deployment(resources = "processes/lead-lifecycle.bpmn")
class LeadLifecycleProcessTest {

    private static final long HOUR = 3_600_000;

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    /** whether the plan-starting mock finds a push to plan (false: the plan has nothing for this lead) */
    boolean planRunning = true;
    boolean followUpOpen;

    @BeforeEach
    void register() {
        SeededClock.startFresh();
        BpmnAwareTests.init(engine.getProcessEngine());
        JavaDelegate nothing = execution -> { };
        JavaDelegate startPlan = execution -> execution.setVariable("planRunning", planRunning);
        JavaDelegate scheduleFollowUp = execution -> execution.setVariables(Map.of(
                "followUpDue", new Date(ClockUtil.getCurrentTime().getTime() + 2 * HOUR), "salesLead", "lead-1"));
        var beans = new HashMap<String, Object>(Map.of("tagLeadDelegate", nothing, "startSopPlanDelegate", startPlan,
                "recordEngagementDelegate", (JavaDelegate) execution -> execution.setVariable("followUpOpen", followUpOpen),
                "scheduleFollowUpDelegate", scheduleFollowUp, "followUpTaskListener", (TaskListener) task -> { }));
        beans.putAll(Map.of("markConvertedDelegate", nothing, "moveToSilentDelegate", nothing,
                "markOptedOutDelegate", nothing, "markChurnedDelegate", nothing, "pinSopPlanDelegate", nothing));
        ProcessTestEngine.BEANS.putAll(beans);
    }

    @Test
    void startsWithTagsAFirstContactTaskTheNextPushAndTheEngagementWatch() {
        var lead = start();

        assertThat(lead).hasPassedInOrder("Task_TagLead", "Task_PinSopPlan", "Task_ScheduleFirstContact")
                .isWaitingAt("Task_MakeFirstContact", "Event_SopPlanFinished", "Gateway_EngagedOrSilent");
        assertThat(task(lead, "Task_MakeFirstContact").getAssignee()).isEqualTo("rep-1");
        complete(task(lead, "Task_MakeFirstContact"), withVariables("outcome", "REACHED"));
        assertThat(lead).hasPassed("EndEvent_FirstContactMade").isActive();
    }

    @Test
    void aMissedFirstContactEscalatesToTheSalesLeadAndTheRepKeepsIt() {
        var lead = start();

        execute(job("Timer_FirstContactOverdue", lead));

        assertThat(task(lead, "Task_EscalateMissedFirstContact").getAssignee()).isEqualTo("lead-1");
        assertThat(lead).isWaitingAt("Task_MakeFirstContact", "Task_EscalateMissedFirstContact");
        complete(task(lead, "Task_EscalateMissedFirstContact"));
        assertThat(lead).hasPassed("EndEvent_MissedFirstContactHandled").isWaitingAt("Task_MakeFirstContact");
    }

    @Test
    void aFirstContactThatAsksForACallBackGetsACallBackTask() {
        var lead = start();

        complete(task(lead, "Task_MakeFirstContact"), withVariables("outcome", "CALL_BACK", "callBackAt",
                new Date(ClockUtil.getCurrentTime().getTime() + 24 * HOUR)));

        assertThat(lead).hasPassed("Gateway_FirstCallBackRequested").isWaitingAt("Task_CallLeadBack")
                .hasNotPassed("EndEvent_FirstContactMade");
    }

    @Test
    void thePlanRunsAsDataAndTheFlowOnlyWaitsForItToFinish() {
        var lead = start();

        assertThat(lead).hasPassed("Task_StartSopPlan").isWaitingAt("Event_SopPlanFinished");
        var timers = managementService().createJobQuery().processInstanceId(lead.getId()).timers();
        assertThat(timers.count()).as("no timer per push: the send windows carry the pushes").isEqualTo(2);
        assertThat(timers.activityId("Timer_FirstContactOverdue").count()).isEqualTo(1);
        correlate(lead, "Msg_PlanFinished");

        assertThat(lead).hasPassed("EndEvent_PlanFinished").isWaitingAt("Task_MakeFirstContact", "Gateway_EngagedOrSilent");
    }

    @Test
    void aPlanWithNothingForTheLeadEndsItsBranchAtOnce() {
        planRunning = false;
        var lead = start();

        assertThat(lead).hasPassedInOrder("Task_StartSopPlan", "Gateway_AnyPushPlanned", "EndEvent_PlanFinished")
                .hasNotPassed("Event_SopPlanFinished").isActive();
    }

    @Test
    void anEngagedLeadGetsAFollowUpInWorkingHoursAndIsStillWatched() {
        var lead = start();

        correlate(lead, "Msg_Engaged");

        assertThat(lead).hasPassedInOrder("Event_LeadEngaged", "Task_RecordEngagement", "Task_ScheduleFollowUp")
                .isWaitingAt("Task_FollowUpLead", "Gateway_EngagedOrSilent");
        complete(task(lead, "Task_FollowUpLead"), withVariables("outcome", "INTERESTED"));
        assertThat(lead).hasPassed("EndEvent_FollowedUp").isActive();
    }

    @Test
    void aLeadAskingToBeCalledBackGetsACallBackTask() {
        var lead = start();
        correlate(lead, "Msg_Engaged");

        complete(task(lead, "Task_FollowUpLead"), withVariables("outcome", "CALL_BACK", "callBackAt",
                new Date(ClockUtil.getCurrentTime().getTime() + 24 * HOUR)));
        assertThat(lead).isWaitingAt("Task_CallLeadBack");
        complete(task(lead, "Task_CallLeadBack"), withVariables("outcome", "REACHED"));

        assertThat(lead).hasPassed("EndEvent_FollowedUp");
    }

    @Test
    void anOverdueFollowUpEscalatesToTheSalesLead() {
        var lead = start();
        correlate(lead, "Msg_Engaged");

        execute(job("Timer_FollowUpOverdue", lead));

        assertThat(task(lead, "Task_EscalateOverdueFollowUp").getAssignee()).isEqualTo("lead-1");
        assertThat(lead).isWaitingAt("Task_FollowUpLead", "Task_EscalateOverdueFollowUp");
        complete(task(lead, "Task_EscalateOverdueFollowUp"));
        assertThat(lead).hasPassed("EndEvent_OverdueHandled");
    }

    @Test
    void engagingAgainWhileAFollowUpIsOpenCreatesNoSecondTask() {
        var lead = start();
        correlate(lead, "Msg_Engaged");
        followUpOpen = true;

        correlate(lead, "Msg_Engaged");

        assertThat(taskQuery().processInstanceId(lead.getId()).taskDefinitionKey("Task_FollowUpLead").count()).isEqualTo(1);
        assertThat(lead).isWaitingAt("Gateway_EngagedOrSilent");
    }

    @Test
    void aLeadWithoutInteractionGoesSilentAndEverythingOpenEnds() {
        var lead = start();

        execute(job("Timer_NoInteraction", lead));

        assertThat(lead).hasPassed("Task_MoveToSilentSegment", "EndEvent_LeadWentSilent").isEnded();
    }

    @Test
    void aSilentLeadThatEngagesComesBackWithAFollowUpAndItsPlanResumes() {
        var lead = runtimeService().startProcessInstanceByMessage("Msg_BackFromSilence", "C-" + System.nanoTime(),
                Map.of("customerId", "C-1", "ownerRep", "rep-1", "silenceAfter", "P14D", "planKey", "new-lead",
                        "planVersion", 1, "capturedAt", new Date()));

        assertThat(lead).hasPassedInOrder("StartEvent_BackFromSilence", "Task_RecordEngagement", "Task_ScheduleFollowUp")
                .hasPassed("Task_StartSopPlan").hasNotPassed("Task_MakeFirstContact")
                .isWaitingAt("Task_FollowUpLead", "Event_SopPlanFinished", "Gateway_EngagedOrSilent");
    }

    @Test
    void aPurchaseEndsNurtureAsConverted() {
        var lead = start();

        correlate(lead, "Msg_Purchased");

        assertThat(lead).hasPassed("Task_MarkConverted", "EndEvent_Converted").isEnded();
    }

    @Test
    void anOptOutStopsEveryFuturePush() {
        var lead = start();

        correlate(lead, "Msg_OptedOut");

        assertThat(lead).hasPassed("Task_MarkOptedOut", "EndEvent_OptedOut").isEnded();
    }

    @Test
    void aCustomerWhoDeletedTheRepIsChurned() {
        var lead = start();

        correlate(lead, "Msg_CustomerLeft");

        assertThat(lead).hasPassed("Task_MarkChurned", "EndEvent_Churned").isEnded();
    }

    @Test
    void aNewTouchpointTagsTheLeadAndNurtureGoesOn() {
        var lead = start();

        correlate(lead, "Msg_TouchpointAdded");

        assertThat(lead).hasPassed("Task_TagFromNewChannel", "EndEvent_TouchpointTagged")
                .isWaitingAt("Task_MakeFirstContact", "Event_SopPlanFinished", "Gateway_EngagedOrSilent");
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey("lead-lifecycle", "C-" + System.nanoTime(),
                Map.of("customerId", "C-1", "ownerRep", "rep-1", "channelId", 1L, "planKey", "new-lead",
                        "planVersion", 1, "silenceAfter", "P14D", "capturedAt", new Date()));
    }

    private static void correlate(ProcessInstance lead, String message) {
        runtimeService().createMessageCorrelation(message).processInstanceId(lead.getId()).correlate();
    }

    /** Within this test's lead: on MariaDB the database is shared with the service tests' tasks. */
    private static org.camunda.bpm.engine.task.Task task(ProcessInstance lead, String key) {
        return taskQuery().processInstanceId(lead.getId()).taskDefinitionKey(key).singleResult();
    }
}
