package io.nurtureflow.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.MovesTheClockByMonths;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** How nurture ends, and how a silent lead comes back or goes dormant, through the public API. */
@MovesTheClockByMonths
@ServiceTest
class LifecycleExitsTest extends RunningService {


    @Test
    void unsubscribingStopsEveryFuturePushForGood() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        api.advanceClock("P2D");
        assertThat(pushes(customerId, "new-lead")).isEqualTo(1);

        assertThat(Scenario.event(api, customerId, "UNSUBSCRIBED").status()).isEqualTo(202);
        api.advanceClock("P30D");
        api.advanceClock("P100D");

        assertThat(pushes(customerId, "new-lead")).isEqualTo(1);
        assertThat(pushes(customerId, "silent")).as("an opted-out lead never enters the silent SOP").isZero();
        assertThat(stage(customerId)).isEqualTo("OPTED_OUT");
        assertThat(ends("lead-lifecycle", customerId)).contains("EndEvent_OptedOut");
        assertThat(db.queryForObject("select count(*) from opt_out where customer_id = ?", Integer.class, customerId))
                .isEqualTo(1);
        assertThat(api.get("/api/me/tasks", rep).json()).isEmpty();
    }

    @Test
    void aPurchaseCancelsPendingPushesAndTasks() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        Scenario.event(api, customerId, "LINK_CLICKED");
        assertThat(api.get("/api/me/tasks", rep).json()).hasSize(2);
        String instance = db.queryForObject("select lifecycle_instance_id from customer where id = ?", String.class,
                customerId);
        assertThat(api.get("/engine-rest/job/count?processInstanceId=" + instance, ADMIN).json().get("count").asInt())
                .as("push and silence timers are pending").isPositive();

        Scenario.event(api, customerId, "PURCHASED");

        assertThat(api.get("/engine-rest/job/count?processInstanceId=" + instance, ADMIN).json().get("count").asInt())
                .isZero();
        assertThat(api.get("/api/me/tasks", rep).json()).isEmpty();
        assertThat(outbox(customerId, "SCHEDULED")).as("nothing left waiting in the outbox").isZero();
        assertThat(outbox(customerId, "CANCELLED")).as("the planned step 1, cancelled with the reason").isEqualTo(1);
        api.advanceClock("P30D");
        assertThat(pushes(customerId, "new-lead")).isZero();
        assertThat(stage(customerId)).isEqualTo("CUSTOMER");
    }

    @Test
    void aSilentLeadGetsTheSparserSopAndComesBackToNurtureWithAFollowUpWhenItEngages() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        api.advanceClock("P15D");
        assertThat(stage(customerId)).isEqualTo("SILENT");
        assertThat(running("lead-lifecycle", customerId)).as("the silent stage is the lifecycle's own").isEqualTo(1);
        int newLeadPushes = pushes(customerId, "new-lead");

        api.advanceClock("P4D");
        assertThat(pushes(customerId, "silent")).as("silent step 1 on day 3").isEqualTo(1);
        assertThat(pushes(customerId, "new-lead")).isEqualTo(newLeadPushes);

        assertThat(Scenario.event(api, customerId, "MESSAGE_REPLIED").status()).isEqualTo(202);

        assertThat(stage(customerId)).isEqualTo("ENGAGED");
        assertThat(running("lead-lifecycle", customerId)).isEqualTo(1);
        assertThat(Scenario.taskKinds(api, rep)).containsExactly("FOLLOW_UP");
        // less than the 14 quiet days after which it would go silent again
        api.advanceClock("P10D");
        assertThat(pushes(customerId, "silent")).as("the silent SOP stopped").isEqualTo(1);
    }

    @Test
    void thePlansSilencePeriodDecidesWhenALeadGoesSilentAndItsPlanResumesWhenItComesBack() {
        String rep = api.newUser("rep", "REP");
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "短沉默", "staff", List.of(rep)));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        String key = "quiet-" + System.nanoTime() % 1_000_000;
        var plan = api.post("/api/sop/plans", ADMIN, Map.of("key", key, "name", "五天沉默", "silenceDays", 5,
                "channels", List.of(channel.json().get("id").asLong()), "steps", List.of(
                        Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "NOON", "text", "第一天"),
                        Map.of("timing", "DAY_AT_WINDOW", "day", 9, "window", "NOON", "text", "第九天"))));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        assertThat(plan.json().get("silenceDays").asInt()).isEqualTo(5);
        String customerId = Scenario.lead(api, channel.json().get("code").asText(), Leads.newPhone(), null);

        api.advanceClock("P4D");
        assertThat(stage(customerId)).isEqualTo("NURTURING");
        api.advanceClock("P2D");
        assertThat(stage(customerId)).as("5 quiet days on this plan, not the default 14").isEqualTo("SILENT");
        assertThat(pushes(customerId, key)).isEqualTo(1);

        Scenario.event(api, customerId, "MESSAGE_REPLIED");
        assertThat(stage(customerId)).isEqualTo("ENGAGED");
        api.advanceClock("P4D");

        assertThat(pushes(customerId, key)).as("the plan picked up at step 2, not again at step 1").isEqualTo(2);
        assertThat(db.queryForObject("select count(*) from push_outbox where customer_id = ? and plan_key = ?"
                + " and step_no = 1", Integer.class, customerId, key)).isEqualTo(1);
    }

    @Test
    void aSilencePeriodOutsideOneToAYearIsRefused() {
        var plan = api.post("/api/sop/plans", ADMIN, Map.of("key", "never-quiet", "name", "x", "silenceDays", 0,
                "steps", List.of(Map.of("timing", "DAY_AT_WINDOW", "day", 1, "window", "NOON", "text", "x"))));
        assertThat(plan.status()).isEqualTo(400);
        assertThat(plan.json().get("field").asText()).isEqualTo("silenceDays");
        assertThat(api.get("/api/sop/plans/never-quiet", ADMIN).status()).as("nothing saved").isEqualTo(404);
    }

    @Test
    void aLeadSilentForNinetyMoreDaysEndsDormant() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        api.advanceClock("P15D");
        for (int day = 3; day <= 87; day += 3) {
            api.advanceClock("P3D");
        }
        assertThat(stage(customerId)).isEqualTo("SILENT");

        api.advanceClock("P4D");

        assertThat(stage(customerId)).isEqualTo("DORMANT");
        assertThat(ends("lead-lifecycle", customerId)).contains("EndEvent_Dormant");
        assertThat(pushes(customerId, "silent")).as("all three sparse steps went out first").isEqualTo(3);
        assertThat(running("lead-lifecycle", customerId)).isZero();
    }

    @Test
    void aSilentLeadThatBuysUnsubscribesOrLeavesEndsTheSilentSopTheSameWay() {
        String rep = api.newUser("rep", "REP");
        var buyer = Scenario.leadOf(api, rep);
        var unsubscriber = Scenario.leadOf(api, rep);
        var leaver = Scenario.leadOf(api, rep);
        api.advanceClock("P15D");
        assertThat(List.of(stage(buyer), stage(unsubscriber), stage(leaver))).containsOnly("SILENT");

        Scenario.event(api, buyer, "PURCHASED");
        Scenario.event(api, unsubscriber, "UNSUBSCRIBED");
        Scenario.event(api, leaver, "CUSTOMER_DELETED_STAFF");
        api.advanceClock("P100D");

        assertThat(stage(buyer)).isEqualTo("CUSTOMER");
        assertThat(ends("lead-lifecycle", buyer)).as("the exits are modelled once, for both stages")
                .contains("EndEvent_Converted");
        assertThat(stage(unsubscriber)).isEqualTo("OPTED_OUT");
        assertThat(ends("lead-lifecycle", unsubscriber)).contains("EndEvent_OptedOut");
        assertThat(stage(leaver)).isEqualTo("CHURNED");
        assertThat(ends("lead-lifecycle", leaver)).contains("EndEvent_Churned");
        for (String customer : List.of(buyer, unsubscriber, leaver)) {
            assertThat(pushes(customer, "silent")).as("no silent push after the exit").isZero();
        }
    }

    @Test
    void aLeadHoldingFlagsAnOlderVersionOfItsFlowStoredEngagesGoesSilentAndComesBackAsBefore() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        String instance = api.get("/engine-rest/process-instance?processDefinitionKey=lead-lifecycle&businessKey="
                + customerId, ADMIN).json().get(0).get("id").asText();
        // stored on every lead before they became transient (the engine refuses a transient value over a stored one)
        for (var stored : Map.of("planRunning", true, "followUpOpen", false).entrySet()) {
            var put = api.put("/engine-rest/process-instance/" + instance + "/variables/" + stored.getKey(), ADMIN,
                    Map.of("value", stored.getValue(), "type", "Boolean"));
            assertThat(put.status()).as(put.body()).isEqualTo(204);
        }

        Scenario.event(api, customerId, "MESSAGE_REPLIED");
        assertThat(Scenario.taskKinds(api, rep)).as("engagement recorded").contains("FOLLOW_UP");
        api.advanceClock("P15D");
        assertThat(stage(customerId)).isEqualTo("SILENT");
        Scenario.event(api, customerId, "LINK_CLICKED");

        assertThat(stage(customerId)).as("back in nurture: its plan resumed").isEqualTo("ENGAGED");
        assertThat(Scenario.taskKinds(api, rep)).containsExactly("FOLLOW_UP");
    }

    private String stage(String customerId) {
        return api.get("/api/customers/" + customerId, ADMIN).json().get("stage").asText();
    }

    private int pushes(String customerId, String plan) {
        return db.queryForObject("select count(*) from push_outbox where customer_id = ? and plan_key = ? and status = 'SENT'",
                Integer.class, customerId, plan);
    }

    private int outbox(String customerId, String status) {
        return db.queryForObject("select count(*) from push_outbox where customer_id = ? and status = ?",
                Integer.class, customerId, status);
    }

    private int running(String process, String customerId) {
        return api.get("/engine-rest/process-instance/count?processDefinitionKey=" + process + "&businessKey=" + customerId,
                ADMIN).json().get("count").asInt();
    }

    private List<String> ends(String process, String customerId) {
        var reached = new ArrayList<String>();
        for (JsonNode instance : api.get("/engine-rest/history/process-instance?processDefinitionKey=" + process
                + "&processInstanceBusinessKey=" + customerId, ADMIN).json()) {
            for (String type : List.of("noneEndEvent", "terminateEndEvent")) {
                api.get("/engine-rest/history/activity-instance?activityType=" + type + "&processInstanceId="
                        + instance.get("id").asText(), ADMIN).json().forEach(end -> reached.add(end.get("activityId").asText()));
            }
        }
        return reached;
    }

}
