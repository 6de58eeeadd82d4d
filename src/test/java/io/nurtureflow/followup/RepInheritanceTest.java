package io.nurtureflow.followup;

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

/** 离职继承 through the API: who gets what, what WeCom's limit keeps back, and what is recorded. */
@MovesTheClockByMonths
@ServiceTest
class RepInheritanceTest extends RunningService {


    @Test
    void aDepartedRepsLeadsAndOpenTasksGoRoundRobinToTheTeamAndFollowUpsFollowTheNewOwner() {
        String team = "team-" + System.nanoTime();
        String leaving = rep(team);
        String bo = rep(team);
        String chen = rep(team);
        String code = Scenario.channelOf(api, leaving);
        var leads = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            leads.add(Scenario.lead(api, code, io.nurtureflow.support.Leads.newPhone(), null));
        }

        var transfers = api.post("/api/reps/" + leaving + "/deactivate", ADMIN, "{}");

        assertThat(transfers.status()).as(transfers.body()).isEqualTo(200);
        assertThat(transfers.json().findValuesAsText("status")).containsOnly("TRANSFERRED").hasSize(4);
        assertThat(transfers.json().findValuesAsText("toRep")).containsExactlyInAnyOrder(bo, bo, chen, chen);
        assertThat(api.get("/engine-rest/task?assignee=" + leaving, ADMIN).json()).isEmpty();
        assertThat(api.get("/api/me/tasks", bo).json()).hasSize(2);
        assertThat(api.get("/api/me/tasks", chen).json()).hasSize(2);
        String boLead = api.get("/api/me/tasks", bo).json().get(0).get("lead").get("id").asText();
        assertThat(api.get("/api/customers/" + boLead, bo).json().get("owner").asText()).isEqualTo(bo);
        assertThat(api.get("/api/customers/" + boLead, leaving).status()).as("the rep who left cannot log in")
                .isEqualTo(401);

        Scenario.event(api, boLead, "MESSAGE_REPLIED");
        assertThat(Scenario.taskKinds(api, bo)).as("the lifecycle now opens tasks for the new owner").contains("FOLLOW_UP");
        assertThat(api.get("/api/reps/" + leaving + "/transfers", ADMIN).json()).hasSize(4);
        assertThat(api.get("/api/reps/" + leaving, ADMIN).json().get("active").asBoolean()).isFalse();
    }

    @Test
    void aRepWhoLeftIsNoLongerRoutedNewLeadsOrScansAndCannotLogIn() {
        String leaving = rep(null);
        String staying = rep(null);
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "离职渠道", "staff", List.of(leaving, staying)));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        String code = channel.json().get("code").asText();
        long channelId = channel.json().get("id").asLong();
        var before = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            before.add(Scenario.owner(api, Scenario.lead(api, code, Leads.newPhone(), null)));
        }
        assertThat(before).as("both reps take turns while employed").containsExactlyInAnyOrder(leaving, staying);

        deactivate(leaving, staying);

        var after = new ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            after.add(Scenario.owner(api, Scenario.lead(api, code, Leads.newPhone(), null)));
            assertThat(api.getFrom("/q/" + code, "10.61.0." + i).status()).isEqualTo(200);
        }
        assertThat(after).containsOnly(staying);
        assertThat(db.queryForList("select assigned_rep from scan where channel_id = ?", String.class, channelId))
                .hasSize(4).containsOnly(staying);
        assertThat(api.get("/api/me/tasks", leaving).status()).isEqualTo(401);
        assertThat(api.get("/api/me/tasks", staying).status()).isEqualTo(200);
    }

    @Test
    void aCustomerIsTransferredAtMostTwiceInNinetyDaysAndTheRefusalIsRecorded() {
        String first = rep(null);
        String second = rep(null);
        String third = rep(null);
        String fourth = rep(null);
        String customerId = Scenario.leadOf(api, first);

        deactivate(first, second);
        deactivate(second, third);
        var third2fourth = deactivate(third, fourth);

        assertThat(third2fourth.get(0).get("status").asText()).isEqualTo("BLOCKED");
        assertThat(third2fourth.get(0).get("reason").asText()).contains("90 days");
        assertThat(Scenario.owner(api, customerId)).isEqualTo(third);

        api.advanceClock("P91D");
        String fifth = rep(null);
        assertThat(deactivate(third, fifth).get(0).get("status").asText()).as("90 days later WeCom allows it again")
                .isEqualTo("TRANSFERRED");
    }

    @Test
    void onlyAdminsAndSalesLeadsHandOverAndBadRequestsNameTheField() {
        String rep = rep(null);
        String other = rep(null);
        assertThat(api.post("/api/reps/" + rep + "/deactivate", other, Map.of("successor", other)).status()).isEqualTo(403);
        var noTeam = api.post("/api/reps/" + rep + "/deactivate", ADMIN, "{}");
        assertThat(noTeam.status()).isEqualTo(400);
        assertThat(noTeam.json().get("field").asText()).isEqualTo("successor");
        var self = api.post("/api/reps/" + rep + "/deactivate", ADMIN, Map.of("successor", rep));
        assertThat(self.json().get("field").asText()).isEqualTo("successor");
        assertThat(api.get("/api/reps/" + rep, ADMIN).json().get("active").asBoolean()).as("nothing half-written").isTrue();
        assertThat(api.get("/api/me/tasks", rep).status()).as("still a rep who logs in").isEqualTo(200);
        var badHours = api.put("/api/reps/" + rep, ADMIN, Map.of("workStart", "18:00", "workEnd", "09:00"));
        assertThat(badHours.json().get("field").asText()).isEqualTo("workEnd");
    }

    private com.fasterxml.jackson.databind.JsonNode deactivate(String rep, String successor) {
        var response = api.post("/api/reps/" + rep + "/deactivate", ADMIN, Map.of("successor", successor));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String rep(String team) {
        String rep = api.newUser("rep", "REP");
        if (team != null) {
            assertThat(api.put("/api/reps/" + rep, ADMIN, Map.of("team", team)).status()).isEqualTo(200);
        }
        return rep;
    }

}
