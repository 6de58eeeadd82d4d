package io.nurtureflow.process;

import io.nurtureflow.support.DatabaseTest;
import io.nurtureflow.support.ProcessTestEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static io.nurtureflow.support.ProcessAssertions.assertThat;
import static io.nurtureflow.support.ProcessAssertions.candidateGroups;
import static io.nurtureflow.support.ProcessAssertions.complete;
import static io.nurtureflow.support.ProcessAssertions.execute;
import static io.nurtureflow.support.ProcessAssertions.job;
import static io.nurtureflow.support.ProcessAssertions.runtime;
import static io.nurtureflow.support.ProcessAssertions.task;
import static io.nurtureflow.support.ProcessAssertions.withVariables;

/** Every path through lead-intake.bpmn, with the feature services behind the delegates mocked. */
@DatabaseTest
@Deployment(resources = "processes/lead-intake.bpmn")
class LeadIntakeProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessTestEngine.extension();

    /** what CRM matching "found": the variables the match step writes */
    final Map<String, Object> match = new HashMap<>(Map.of("customerId", "C-TEST", "ownerRep", "owner-rep",
            "matchStrength", "EXACT", "ownership", "SAME_REP"));
    /** what confirming a reviewed likeness finds about ownership */
    String ownershipAfterReview = "SAME_REP";

    @BeforeEach
    void register() {
        JavaDelegate nothing = execution -> { };
        ProcessTestEngine.BEANS.putAll(Map.of(
                "matchLeadDelegate", (JavaDelegate) execution -> execution.setVariables(match),
                "confirmLikenessDelegate", (JavaDelegate) execution -> execution.setVariable("ownership", ownershipAfterReview),
                "settleCollisionDelegate", nothing, "takeOverCustomerDelegate", nothing,
                "createCustomerDelegate", nothing, "startLifecycleDelegate", nothing, "addTouchpointDelegate", nothing,
                "notifyLifecycleDelegate", nothing, "followUpTaskListener", (TaskListener) task -> { }));
    }

    @Test
    void aNewLeadBecomesACustomerWithALifecycle() {
        var intake = start("NEW", "NONE");

        assertThat(intake).isEnded().hasPassedInOrder("Task_MatchAgainstCrm", "Task_CreateCustomer",
                "Task_StartLifecycle", "EndEvent_NurtureStarted").hasNotPassed("Task_AddTouchpoint");
    }

    @Test
    void aLeadAlreadyInNurtureAddsATouchpointToItsLifecycle() {
        var intake = start("IN_NURTURE", "EXACT");

        assertThat(intake).hasPassed("Task_AddTouchpoint").isWaitingAt("Task_NotifyLifecycle");
        execute(job("Task_NotifyLifecycle", intake));
        assertThat(intake).isEnded().hasPassedInOrder("Task_AddTouchpoint", "Task_NotifyLifecycle",
                "EndEvent_TouchpointAdded").hasNotPassed("Task_CreateCustomer", "Task_StartLifecycle");
    }

    @Test
    void aReturningLeadStartsNurtureAgain() {
        var intake = start("RETURNING", "EXACT");

        assertThat(intake).isEnded().hasPassedInOrder("Task_RecordReturn", "Task_RestartLifecycle",
                "EndEvent_NurtureRestarted").hasNotPassed("Task_CreateCustomer");
    }

    @Test
    void aPastBuyerGoesToCustomerCareNotTheNewLeadSop() {
        var intake = start("PAST_BUYER", "EXACT");

        assertThat(intake).isWaitingAt("Task_CareForPastBuyer").hasNotPassed("Task_StartLifecycle");
        assertThat(task(intake, "Task_CareForPastBuyer").getAssignee()).isEqualTo("owner-rep");
        complete(task(intake, "Task_CareForPastBuyer"));
        assertThat(intake).isEnded().hasPassed("Task_RecordBuyerTouchpoint", "EndEvent_CareGiven");
    }

    @Test
    void aWeakMatchConfirmedByTheSalesLeadIsTreatedAsTheKnownCustomer() {
        var intake = start("IN_NURTURE", "WEAK");

        assertThat(intake).isWaitingAt("Task_ReviewLikeness");
        assertThat(candidateGroups(task(intake, "Task_ReviewLikeness"))).containsExactly("sales-leads");
        complete(task(intake, "Task_ReviewLikeness"), withVariables("reviewDecision", "MERGE"));
        execute(job("Task_NotifyLifecycle", intake));
        assertThat(intake).isEnded().hasPassedInOrder("Task_ConfirmLikeness", "Task_AddTouchpoint", "EndEvent_TouchpointAdded");
    }

    @Test
    void aWeakMatchKeptApartBecomesANewCustomer() {
        var intake = start("IN_NURTURE", "WEAK");

        assertThat(intake).isWaitingAt("Task_ReviewLikeness");
        complete(task(intake, "Task_ReviewLikeness"), withVariables("reviewDecision", "KEEP_APART"));

        assertThat(intake).isEnded().hasPassedInOrder("Task_ReviewLikeness", "Task_CreateCustomer", "Task_StartLifecycle")
                .hasNotPassed("Task_ConfirmLikeness", "Task_AddTouchpoint");
    }

    @Test
    void aLeadOfAnotherRepInsideTheProtectionWindowIsACollisionForTheSalesLead() {
        match.put("ownership", "PROTECTED");
        var intake = start("IN_NURTURE", "EXACT");

        assertThat(intake).isWaitingAt("Task_SettleCollision");
        assertThat(candidateGroups(task(intake, "Task_SettleCollision"))).containsExactly("sales-leads");
        complete(task(intake, "Task_SettleCollision"), withVariables("collisionDecision", "KEEP_OWNER"));
        execute(job("Task_NotifyLifecycle", intake));
        assertThat(intake).isEnded().hasPassedInOrder("Task_ApplyCollisionDecision", "Task_AddTouchpoint");
    }

    @Test
    void afterTheProtectionWindowTheNewRepTakesOver() {
        match.put("ownership", "EXPIRED");
        var intake = start("IN_NURTURE", "EXACT");

        execute(job("Task_NotifyLifecycle", intake));
        assertThat(intake).isEnded().hasPassedInOrder("Task_TakeOverCustomer", "Task_AddTouchpoint")
                .hasNotPassed("Task_SettleCollision");
    }

    private ProcessInstance start(String outcome, String strength) {
        match.put("matchOutcome", outcome);
        match.put("matchStrength", strength);
        return runtime().startProcessInstanceByKey("lead-intake", Map.of("leadId", 1L));
    }
}
