package io.nurtureflow.process;

import io.nurtureflow.support.DatabaseTest;
import io.nurtureflow.support.ProcessTestEngine;
import io.nurtureflow.support.SeededClock;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static io.nurtureflow.support.ProcessAssertions.assertThat;
import static io.nurtureflow.support.ProcessAssertions.complete;
import static io.nurtureflow.support.ProcessAssertions.execute;
import static io.nurtureflow.support.ProcessAssertions.job;
import static io.nurtureflow.support.ProcessAssertions.management;
import static io.nurtureflow.support.ProcessAssertions.runtime;
import static io.nurtureflow.support.ProcessAssertions.task;
import static io.nurtureflow.support.ProcessAssertions.taskQuery;
import static io.nurtureflow.support.ProcessAssertions.withVariables;

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

    boolean followUpOpen;

    @BeforeEach
    void register() {
        SeededClock.startFresh();
        JavaDelegate nothing = execution -> { };
        JavaDelegate scheduleFollowUp = execution -> execution.setVariables(Map.of(
                "followUpDue", new Date(ClockUtil.getCurrentTime().getTime() + 2 * HOUR), "salesLead", "lead-1"));
        var beans = new HashMap<String, Object>(Map.of("tagLeadDelegate", nothing, "startSopPlanDelegate", nothing,
                "recordEngagementDelegate", (JavaDelegate) execution -> execution.setVariable("followUpOpen", followUpOpen),
                "scheduleFollowUpDelegate", scheduleFollowUp, "followUpTaskListener", (TaskListener) task -> { }));
        beans.putAll(Map.of("markConvertedDelegate", nothing,
                "moveToSilentDelegate", (JavaDelegate) execution -> execution.setVariable("dormantAfter", "P90D"),
                "returnToNurtureDelegate", (JavaDelegate) execution -> execution.setVariable("backFromSilence", true),
                "markDormantDelegate", nothing, "markOptedOutDelegate", nothing, "markChurnedDelegate", nothing,
                "pinSopPlanDelegate", nothing));
        ProcessTestEngine.BEANS.putAll(beans);
    }

    @Test
    void startsWithTagsAFirstContactTaskTheNextPushAndTheEngagementWatch() {
        var lead = start();

        assertThat(lead).hasPassedInOrder("Task_TagLead", "Task_PinSopPlan", "Task_StartSopPlan", "Task_ScheduleContact")
                .isWaitingAt("Task_ContactLead", "Gateway_EngagedOrSilent");
        assertThat(task(lead, "Task_ContactLead").getAssignee()).isEqualTo("rep-1");
        complete(task(lead, "Task_ContactLead"), withVariables("outcome", "REACHED"));
        assertThat(lead).hasPassed("EndEvent_LeadContacted").isActive();
    }

    @Test
    void aMissedFirstContactEscalatesToTheSalesLeadAndTheRepKeepsIt() {
        var lead = start();

        execute(job("Timer_ContactOverdue", lead));

        assertThat(task(lead, "Task_EscalateMissedContact").getAssignee()).isEqualTo("lead-1");
        assertThat(lead).isWaitingAt("Task_ContactLead", "Task_EscalateMissedContact");
        complete(task(lead, "Task_EscalateMissedContact"));
        assertThat(lead).hasPassed("EndEvent_MissedContactHandled").isWaitingAt("Task_ContactLead");
    }

    @Test
    void aFirstContactThatAsksForACallBackGetsACallBackTask() {
        var lead = start();

        complete(task(lead, "Task_ContactLead"), withVariables("outcome", "CALL_BACK", "callBackAt",
                new Date(ClockUtil.getCurrentTime().getTime() + 24 * HOUR)));

        assertThat(lead).hasPassed("Gateway_ContactCallBack").isWaitingAt("Task_CallLeadBack")
                .hasNotPassed("EndEvent_LeadContacted");
    }

    @Test
    void thePlanRunsAsDataAndAWaitingLeadHoldsOnlyWhatItWaitsFor() {
        var lead = start();

        assertThat(lead).hasPassed("Task_StartSopPlan");
        var timers = management().createJobQuery().processInstanceId(lead.getId()).timers();
        assertThat(timers.count()).as("no timer per push: the send windows carry the pushes").isEqualTo(2);
        assertThat(timers.activityId("Timer_ContactOverdue").count()).isEqualTo(1);
        assertThat(runtime().createExecutionQuery().processInstanceId(lead.getId()).count())
                .as("the instance, Nurture, its two branches and the scope each waits in").isEqualTo(6);
        assertThat(runtime().createEventSubscriptionQuery().processInstanceId(lead.getId()).list())
                .extracting(s -> s.getEventName()).as("the four exits' messages and the engagement watch")
                .containsExactlyInAnyOrder("Msg_Purchased", "Msg_OptedOut", "Msg_CustomerLeft", "Msg_TouchpointAdded",
                        "Msg_Engaged");
    }

    @Test
    void anEngagedLeadGetsAFollowUpInWorkingHoursAndIsStillWatched() {
        var lead = start();

        correlate(lead, "Msg_Engaged");

        // one transaction: the follow-up and the renewed watch share a timestamp, so no order is asserted between them
        assertThat(lead).hasPassedInOrder("Event_LeadEngaged", "Task_RecordEngagement")
                .hasPassed("Gateway_FollowUpAlreadyOpen", "Task_ScheduleFollowUp")
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
    void aLeadWithoutInteractionGoesSilentAndEverythingOpenInNurtureEnds() {
        var lead = start();

        execute(job("Timer_NoInteraction", lead));

        assertThat(lead).hasPassedInOrder("EndEvent_LeadWentSilent", "Task_MoveToSilentSegment")
                .isWaitingAt("Gateway_SilentOutcome").isNotWaitingAt("Task_ContactLead");
    }

    @Test
    void aSilentLeadThatEngagesComesBackIntoNurtureAsAFollowUpAndItsPlanResumes() {
        var lead = start();
        execute(job("Timer_NoInteraction", lead));

        correlate(lead, "Msg_Engaged");

        assertThat(lead).hasPassedInOrder("Event_SilentLeadEngaged", "Task_ReturnToNurture").isWaitingAt(
                "Task_ContactLead", "Gateway_EngagedOrSilent");
        assertThat(runtime().getVariable(lead.getId(), "backFromSilence")).as("contacted as a follow-up")
                .isEqualTo(true);
    }

    @Test
    void aLeadStillSilentAfterTheSilentPlansPeriodEndsDormant() {
        var lead = start();
        execute(job("Timer_NoInteraction", lead));

        execute(job("Timer_StillSilent", lead));

        assertThat(lead).hasPassed("Task_MarkDormant", "EndEvent_Dormant").isEnded();
    }

    @Test
    void aSilentLeadThatBuysEndsThroughTheSameExit() {
        var lead = start();
        execute(job("Timer_NoInteraction", lead));

        correlate(lead, "Msg_Purchased");

        assertThat(lead).hasPassed("Task_MarkConverted", "EndEvent_Converted").isEnded();
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
                .isWaitingAt("Task_ContactLead", "Gateway_EngagedOrSilent");
    }

    private ProcessInstance start() {
        return runtime().startProcessInstanceByKey("lead-lifecycle", "C-" + System.nanoTime(),
                Map.of("customerId", "C-1", "ownerRep", "rep-1", "channelId", 1L, "planKey", "new-lead",
                        "planVersion", 1, "silenceAfter", "P14D", "capturedAt", ClockUtil.getCurrentTime(), "backFromSilence", false));
    }

    private static void correlate(ProcessInstance lead, String message) {
        runtime().createMessageCorrelation(message).processInstanceId(lead.getId()).correlate();
    }
}
