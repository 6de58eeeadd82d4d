package io.nurtureflow.followup;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class FollowUpTest extends RunningService {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");


    @Test
    void intentOpensAFollowUpDueInWorkingHoursAndEscalatesToTheSalesLeadWhenMissed() {
        String lead = api.newUser("lead", "SALES_LEAD");
        String rep = api.newUser("rep", "REP");
        var described = api.put("/api/reps/" + rep, ADMIN, Map.of("team", "team-" + rep, "salesLead", lead,
                "workStart", "09:00", "workEnd", "18:00"));
        assertThat(described.status()).as(described.body()).isEqualTo(200);
        String customerId = Scenario.leadOf(api, rep);
        complete(rep, "FIRST_CONTACT", "REACHED");
        Instant now = now();

        assertThat(Scenario.event(api, customerId, "MESSAGE_REPLIED").status()).isEqualTo(202);

        var followUp = task(rep, "FOLLOW_UP");
        var due = Instant.parse(followUp.get("dueAt").asText()).atZone(SHANGHAI);
        assertThat(due.getDayOfWeek()).isNotEqualTo(DayOfWeek.SUNDAY);
        assertThat(due.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(18, 0));
        assertThat(Duration.between(now, due.toInstant())).isBetween(Duration.ofHours(2), Duration.ofDays(3));
        assertThat(Scenario.taskKinds(api, lead)).as("nothing for the sales lead while the rep has time").isEmpty();

        api.advanceClock("P3D");

        assertThat(Scenario.taskKinds(api, lead)).containsExactly("ESCALATION");
        assertThat(task(lead, "ESCALATION").get("reason").asText()).contains(rep);
        assertThat(Scenario.taskKinds(api, rep)).as("the rep keeps the follow-up").contains("FOLLOW_UP");
    }

    @Test
    void aMissedFirstContactEscalatesToTheSalesLeadAtTheDueTimeInTheRepsWorkingWeek() {
        String lead = api.newUser("lead", "SALES_LEAD");
        String rep = api.newUser("rep", "REP");
        var badDays = api.put("/api/reps/" + rep, ADMIN, Map.of("workDays", "MON,FUNDAY"));
        assertThat(badDays.status()).isEqualTo(400);
        assertThat(badDays.json().get("field").asText()).isEqualTo("workDays");
        var described = api.put("/api/reps/" + rep, ADMIN, Map.of("salesLead", lead, "workDays", "fri,mon,tue,wed,thu",
                "workStart", "10:00", "workEnd", "19:00"));
        assertThat(described.json().get("workDays").asText()).as("normalised to week order").isEqualTo("MON,TUE,WED,THU,FRI");
        Scenario.leadOf(api, rep);

        var due = Instant.parse(task(rep, "FIRST_CONTACT").get("dueAt").asText()).atZone(SHANGHAI);
        assertThat(due.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(due.toLocalTime()).isBetween(LocalTime.of(10, 0), LocalTime.of(19, 0));
        assertThat(Scenario.taskKinds(api, lead)).isEmpty();

        api.advanceClock(Duration.between(now(), due.toInstant()).plusMinutes(1).toString());

        assertThat(Scenario.taskKinds(api, lead)).containsExactly("ESCALATION");
        assertThat(task(lead, "ESCALATION").get("reason").asText()).contains("First contact").contains(rep);
        assertThat(Scenario.taskKinds(api, rep)).as("the rep still owes the first contact").contains("FIRST_CONTACT");
    }

    @Test
    void moreIntentJoinsTheOpenFollowUpAndCallBackOpensANewTaskAtTheAgreedTime() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        Scenario.event(api, customerId, "LINK_CLICKED");
        Scenario.event(api, customerId, "MESSAGE_REPLIED");
        assertThat(Scenario.taskKinds(api, rep)).containsExactlyInAnyOrder("FIRST_CONTACT", "FOLLOW_UP");
        assertThat(task(rep, "FOLLOW_UP").get("note").asText()).contains("engaged again");
        String followUp = task(rep, "FOLLOW_UP").get("id").asText();

        var noTime = api.post("/api/me/tasks/" + followUp + "/complete", rep, Map.of("outcome", "CALL_BACK"));
        assertThat(noTime.status()).isEqualTo(400);
        assertThat(noTime.json().get("field").asText()).isEqualTo("callBackAt");
        var badOutcome = api.post("/api/me/tasks/" + followUp + "/complete", rep, Map.of("outcome", "MAYBE"));
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.json().get("field").asText()).isEqualTo("outcome");

        Instant callBackAt = now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(api.post("/api/me/tasks/" + followUp + "/complete", rep, Map.of("outcome", "CALL_BACK",
                "callBackAt", callBackAt.toString(), "note", "家长说明天晚上再聊")).status()).isEqualTo(204);

        var callBack = task(rep, "FOLLOW_UP");
        assertThat(callBack.get("id").asText()).isNotEqualTo(followUp);
        assertThat(Instant.parse(callBack.get("dueAt").asText())).isEqualTo(callBackAt);
        assertThat(callBack.get("reason").asText()).contains("Call back");
        String execution = api.get("/engine-rest/task/" + callBack.get("id").asText(), ADMIN).json()
                .get("executionId").asText();
        assertThat(api.get("/engine-rest/execution/" + execution + "/localVariables", ADMIN).json())
                .as("its due time and reason were read once, from the inputs, and are not kept as variables").isEmpty();

        assertThat(api.post("/api/me/tasks/" + callBack.get("id").asText() + "/complete", rep,
                Map.of("outcome", "INTERESTED")).status()).isEqualTo(204);
        assertThat(Scenario.taskKinds(api, rep)).containsExactly("FIRST_CONTACT");
        var timeline = api.get("/api/customers/" + customerId, rep).json().get("timeline").toString();
        assertThat(timeline).contains("CALL_BACK").contains("INTERESTED");

        // Tasklist's form stores what it submits; a completion through our API after it still goes through
        String tomorrow = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC)
                .format(now().plus(Duration.ofDays(1)));
        var inTasklist = api.post("/engine-rest/task/" + task(rep, "FIRST_CONTACT").get("id").asText() + "/complete",
                ADMIN, Map.of("variables", Map.of("outcome", Map.of("value", "CALL_BACK"),
                        "callBackAt", Map.of("value", tomorrow, "type", "Date"))));
        assertThat(inTasklist.status()).as(inTasklist.body()).isEqualTo(204);
        complete(rep, "FOLLOW_UP", "REACHED");
        String lifecycle = api.get("/engine-rest/process-instance?businessKey=" + customerId, ADMIN).json().get(0)
                .get("id").asText();
        assertThat(api.get("/engine-rest/process-instance/" + lifecycle + "/variables", ADMIN).json().fieldNames())
                .toIterable().as("outcomes are read as the task completes, not kept on the lead")
                .doesNotContain("outcome", "note", "callBackAt");
    }

    @Test
    void aFirstContactEndingInCallBackAlsoOpensATaskForThen() {
        String rep = api.newUser("rep", "REP");
        Scenario.leadOf(api, rep);
        String firstContact = task(rep, "FIRST_CONTACT").get("id").asText();
        Instant callBackAt = now().plus(Duration.ofHours(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        assertThat(api.post("/api/me/tasks/" + firstContact + "/complete", rep, Map.of("outcome", "CALL_BACK",
                "callBackAt", callBackAt.toString())).status()).isEqualTo(204);

        assertThat(Scenario.taskKinds(api, rep)).containsExactly("FOLLOW_UP");
        assertThat(Instant.parse(task(rep, "FOLLOW_UP").get("dueAt").asText())).isEqualTo(callBackAt);
    }

    @Test
    void theInboxGivesTheLeadsTagsScoreLastPushesAndLastClicks() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        api.advanceClock("P2D");
        api.advanceClock("P2D");
        String token = db.queryForObject("select token from tracked_link where customer_id = ?", String.class, customerId);
        assertThat(api.get("/l/" + token, null).status()).isEqualTo(302);

        var lead = task(rep, "FOLLOW_UP").get("lead");

        assertThat(lead.get("tags").toString()).contains("海报");
        assertThat(lead.get("score").asInt()).isEqualTo(15);
        assertThat(lead.get("lastPushes")).hasSize(2);
        assertThat(lead.get("lastPushes").get(0).get("summary").asText()).as("newest first").contains("/l/" + token);
        assertThat(lead.get("lastClicks")).hasSize(1);
        assertThat(lead.get("lastClicks").get(0).get("summary").asText()).startsWith("LINK_CLICKED");
    }

    private void complete(String rep, String kind, String outcome) {
        var done = api.post("/api/me/tasks/" + task(rep, kind).get("id").asText() + "/complete", rep,
                Map.of("outcome", outcome));
        assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    private Instant now() {
        return Instant.parse(api.advanceClock("PT0S").json().get("now").asText());
    }

    private JsonNode task(String user, String kind) {
        for (var task : api.get("/api/me/tasks", user).json()) {
            if (task.get("kind").asText().equals(kind)) {
                return task;
            }
        }
        throw new AssertionError("no " + kind + " task for " + user);
    }

}
