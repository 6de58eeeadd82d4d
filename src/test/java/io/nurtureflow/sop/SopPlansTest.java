package io.nurtureflow.sop;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Browser;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Plans and content through the admin API, and leads walking them through the engine with the simulated clock. */
@ServiceTest
class SopPlansTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    Plans plans;
    @Autowired
    org.camunda.bpm.engine.ManagementService management;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theContentLibraryChecksVariablesAndWeComLimitsAndPreviews() {
        var saved = api.post("/api/sop/contents", ADMIN, Map.of("name", "公开课邀请",
                "text", "{{name}}您好，我是{{rep}}，您从{{channel}}来的吧？",
                "attachments", List.of(
                        Map.of("kind", "LINK", "title", "{{name}}的专属课表", "url", "https://example.edu/open"),
                        Map.of("kind", "IMAGE", "picUrl", "https://example.edu/poster.png"),
                        Map.of("kind", "MINIPROGRAM", "title", "预约试听", "mediaId", "MEDIA1", "appId", "wx123",
                                "page", "/pages/book"),
                        Map.of("kind", "FILE", "mediaId", "MEDIA2"))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(api.get("/api/sop/contents/" + saved.json().get("id").asText(), ADMIN).json()
                .get("attachments")).hasSize(4);

        var preview = api.post("/api/sop/contents/preview", ADMIN, Map.of("text", "{{name}}，{{rep}}为您准备了资料",
                "attachments", List.of(Map.of("kind", "LINK", "title", "给{{name}}", "url", "https://example.edu"))));
        assertThat(preview.json().get("text").asText()).isEqualTo("王芳，李老师为您准备了资料");
        assertThat(preview.json().get("attachments").get(0).get("title").asText()).isEqualTo("给王芳");

        assertBadInput(api.post("/api/sop/contents", ADMIN, Map.of("name", "x", "text", "限时价 {{price}}")),
                "text", "unknown variable {{price}}");
        var tenImages = new ArrayList<Map<String, String>>();
        for (int i = 0; i < 10; i++) {
            tenImages.add(Map.of("kind", "IMAGE", "mediaId", "M" + i));
        }
        assertBadInput(api.post("/api/sop/contents", ADMIN, Map.of("name", "x", "attachments", tenImages)),
                "attachments", "at most 9");
        assertBadInput(api.post("/api/sop/contents", ADMIN, Map.of("name", "x", "text", "长".repeat(1334))),
                "text", "at most 4000");
        assertBadInput(api.post("/api/sop/contents", ADMIN, Map.of("name", "x", "attachments", List.of(
                Map.of("kind", "LINK", "title", "标".repeat(43), "url", "https://example.edu")))),
                "attachments[0].title", "at most 128");
        assertBadInput(api.post("/api/sop/contents", ADMIN, Map.of("name", "x", "attachments", List.of(
                Map.of("kind", "MINIPROGRAM", "title", "预约", "mediaId", "M", "page", "/p")))),
                "attachments[0].appId", "required");
        assertBadInput(api.post("/api/sop/contents/preview", ADMIN, Map.of("text", "{{nickname}}")),
                "text", "unknown variable");
    }

    @Test
    void plansThatCannotWorkAreRefusedOnSaveAndNothingIsWritten() {
        String key = newKey();
        assertBadInput(savePlan(key, List.of(step("DAY_AT_TIME", Map.of("day", 1, "at", "23:00")))),
                "steps[0].at", "outside every send window");
        assertBadInput(savePlan(key, List.of(step("DAY_AT_WINDOW", Map.of("day", 1, "window", "MIDNIGHT")))),
                "steps[0].window", "no send window 'MIDNIGHT'");
        assertBadInput(savePlan(key, List.of(step("WEEKLY", Map.of("weekdays", List.of("MONDAY"), "window", "NOON")))),
                "steps[0].weeks", "never end");
        assertBadInput(savePlan(key, List.of(step("DAY_AT_WINDOW", Map.of("day", 1, "window", "NOON", "stopsPlan", true)),
                step("DAY_AT_WINDOW", Map.of("day", 2, "window", "NOON")))), "steps[1]", "never reached");
        assertBadInput(savePlan(key, List.of(step("AFTER_PREVIOUS", Map.of("after", "PT1H", "text", "{{coupon}}")))),
                "steps[0].text", "unknown variable {{coupon}}");
        assertBadInput(savePlan(key, List.of(step("AFTER_PREVIOUS", Map.of("after", "PT1H", "text", "",
                "contentId", 987654321)))), "steps[0].contentId", "either contentId or text");
        assertBadInput(savePlan(key, List.of(step("AFTER_PREVIOUS", Map.of("after", "PT1H", "text", "x".repeat(4001))))),
                "steps[0].text", "at most 4000");
        assertBadInput(savePlan(key, List.of(step("AT_DATE_TIME", Map.of("dateTime", "2020-01-01T07:30")))),
                "steps[0].dateTime", "already passed");
        assertBadInput(api.post("/api/sop/plans", ADMIN, Map.of("key", key, "name", "x", "steps",
                List.of(Map.of("timing", "SOMETIMES")))), "steps[0].timing", "");
        assertThat(api.get("/api/sop/plans/" + key, ADMIN).status()).isEqualTo(404);
        assertThat(api.get("/api/sop/plans/" + key, api.newUser("rep", "REP")).status()).isEqualTo(403);
    }

    @Test
    void aLeadFollowsItsChannelsPlanKeepsItsVersionAndMovedPushesAreRecorded() {
        String rep = api.newUser("rep", "REP");
        var channel = channel(rep, "直播间");
        String key = newKey();
        var v1 = savePlan(key, List.of(
                step("DAY_AT_TIME", Map.of("day", 1, "at", "12:30",
                        "text", "{{name}}您好，课表在这里 https://example.edu/schedule",
                        "attachments", List.of(Map.of("kind", "LINK", "title", "试听", "url", "https://example.edu/trial")))),
                // an hour after 12:30 is outside every window and, worse, the same day: the cap moves it a day
                step("AFTER_PREVIOUS", Map.of("after", "PT1H", "text", "v1 第二步")),
                step("DAY_AT_WINDOW", Map.of("day", 5, "window", "EVENING", "text", "v1 第三步"))),
                List.of(channel.get("id").asLong()));
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        assertThat(v1.json().get("version").asInt()).isEqualTo(1);

        String customerId = newLead(channel.get("code").asText(), rep);
        var first = push(customerId, 1);
        assertThat(first.get("plan_key")).isEqualTo(key);
        assertThat(waitingAt(key, 1, 1)).isEqualTo(1);
        assertThat(management.createJobQuery().processInstanceId(lifecycle(customerId)).activityId("Timer_PushDue").count())
                .as("no timer per push: the lead waits as data for its send window").isZero();
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(lifecycle(customerId))
                .eventName("Msg_PlanFinished").count()).as("nor does the lifecycle wait for the plan's end").isZero();

        var v2 = savePlan(key, List.of(step("DAY_AT_WINDOW", Map.of("day", 1, "window", "MORNING", "text", "v2"))),
                List.of(channel.get("id").asLong()));
        assertThat(v2.json().get("version").asInt()).isEqualTo(2);

        advanceTo((Instant) first.get("due_at"));
        assertThat(push(customerId, 1).get("status")).isEqualTo("SENT");
        var second = push(customerId, 2);
        assertThat((String) second.get("move_reason")).contains("frequency cap 1 per day");
        assertThat(localDate(second.get("due_at"))).isEqualTo(localDate(first.get("due_at")).plusDays(1));
        assertThat(timeline(customerId)).anyMatch(s -> s.contains("step 2 planned for") && s.contains("moved to"));

        api.advanceClock("P6D");
        var pushes = db.queryForList("select plan_version, step_no, status, sent_at from push_outbox where customer_id = ?"
                + " order by step_no", customerId);
        assertThat(pushes).extracting(p -> p.get("status")).containsExactly("SENT", "SENT", "SENT");
        assertThat(pushes).as("a running lead keeps the version it started on")
                .allMatch(p -> ((Number) p.get("plan_version")).intValue() == 1);
        assertThat(pushes).as("every push inside a send window, Shanghai time")
                .allMatch(p -> inAWindow((Instant) instant(p.get("sent_at"))));

        String content = (String) push(customerId, 1).get("content");
        assertThat(content).doesNotContain("example.edu").contains("http://nurture.test/l/");
        var tokens = db.queryForList("select l.token, l.target_url from tracked_link l join push_outbox p"
                + " on p.batch_id = l.batch_id where p.customer_id = ? and p.step_no = 1 order by l.target_url", customerId);
        assertThat(tokens).extracting(t -> t.get("target_url"))
                .containsExactly("https://example.edu/schedule", "https://example.edu/trial");
        var redirect = api.get("/l/" + tokens.get(1).get("token"), null);
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.location()).isEqualTo("https://example.edu/trial");
        assertThat(db.queryForObject("select payload from behaviour_event where customer_id = ? and type = 'LINK_CLICKED'",
                String.class, customerId)).contains("\"stepNo\":1");

        String later = newLead(channel.get("code").asText(), rep);
        assertThat(push(later, 1).get("plan_version")).as("a new lead starts on the newest version").isEqualTo(2);
        assertThat(plans.choose(key, null)).isEqualTo(new Plans.PlanRef(key, 2));
        assertThat(plans.choose("no-such-plan", channel.get("id").asLong()).key()).as("the channel's plan").isEqualTo(key);
        assertThat(plans.choose(null, null).key()).isEqualTo(Plans.DEFAULT_PLAN);
    }

    @Test
    void audienceConditionsSkipStepsAndAStepMayStopThePlan() {
        String rep = api.newUser("rep", "REP");
        var channel = channel(rep, "地推");
        String key = newKey();
        var saved = savePlan(key, List.of(
                step("DAY_AT_WINDOW", Map.of("day", 1, "window", "MORNING", "text", "给地推来的",
                        "includeTags", List.of("地推"))),
                step("DAY_AT_WINDOW", Map.of("day", 2, "window", "MORNING", "text", "不给地推来的",
                        "excludeTags", List.of("地推"))),
                step("DAY_AT_WINDOW", Map.of("day", 3, "window", "NOON", "text", "最后一条",
                        "includeTags", List.of("地推", "高意向"), "stopsPlan", true)),
                step("DAY_AT_WINDOW", Map.of("day", 4, "window", "NOON", "text", "其他人才会收到"))),
                List.of(channel.get("id").asLong()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        String customerId = newLead(channel.get("code").asText(), rep);

        api.advanceClock("P6D");

        var pushes = db.queryForList("select step_no, status, move_reason from push_outbox where customer_id = ? order by step_no",
                customerId);
        assertThat(pushes).extracting(p -> p.get("step_no") + ":" + p.get("status"))
                .containsExactly("1:SENT", "2:SKIPPED", "3:SENT");
        assertThat(pushes.get(1).get("move_reason")).isEqualTo("not in the step's audience");
        assertThat(timeline(customerId)).anyMatch(s -> s.contains("stopped after step 3"));
    }

    @Test
    void aRepConfirmedStepWaitsForTheRepRemindsAndIsSkippedWhenTheDeadlinePasses() {
        String rep = api.newUser("rep", "REP");
        var channel = channel(rep, "转介绍");
        String key = newKey();
        savePlan(key, List.of(
                step("DAY_AT_WINDOW", Map.of("day", 1, "window", "NOON", "text", "请顾问确认后发送",
                        "delivery", "CONFIRM")),
                step("DAY_AT_WINDOW", Map.of("day", 2, "window", "EVENING", "text", "顾问没确认的这条",
                        "delivery", "CONFIRM"))),
                List.of(channel.get("id").asLong()));
        String customerId = newLead(channel.get("code").asText(), rep);

        advanceTo((Instant) push(customerId, 1).get("due_at"));
        var batches = api.get("/api/me/push-batches", rep).json();
        assertThat(batches).as("one batch to confirm for the step and window").hasSize(1);
        assertThat(batches.get(0).get("customers").asInt()).isEqualTo(1);
        assertThat(batches.get(0).get("text").asText()).isEqualTo("请顾问确认后发送");
        assertThat(db.queryForList("select title, url from rep_alert where rep = ? and kind = 'CONFIRM_PUSH'", rep))
                .as("the rep hears of it in WeCom").singleElement().satisfies(alert -> assertThat(alert)
                        .containsEntry("title", "待确认群发")
                        .containsEntry("url", "http://nurture.test/m#batches/" + batches.get(0).get("id").asText()));
        assertThat(waitingAt(key, 1, 1, "REP_CONFIRMATION")).isEqualTo(1);
        assertThat(push(customerId, 1).get("sent_at")).as("nothing goes before the rep confirms").isNull();
        String other = api.newUser("rep", "REP");
        assertThat(api.post("/api/me/push-batches/" + batches.get(0).get("id").asText() + "/confirm", other, Map.of())
                .status()).as("only the batch's rep confirms it").isEqualTo(404);
        confirmInTheWorkspace(rep, batches.get(0).get("id").asLong());
        assertThat(push(customerId, 1).get("status")).as("confirmed, it goes at once").isEqualTo("SENT");

        advanceTo((Instant) push(customerId, 2).get("due_at"));
        long unconfirmed = api.get("/api/me/push-batches", rep).json().get(0).get("id").asLong();
        api.advanceClock("PT3H");
        var skipped = push(customerId, 2);
        assertThat(skipped.get("status")).isEqualTo("SKIPPED");
        assertThat((String) skipped.get("move_reason")).contains("did not confirm it before the window closed");
        assertThat(db.queryForMap("select state, reminded_at from push_batch where id = ?", unconfirmed))
                .containsEntry("state", "SKIPPED").extractingByKey("reminded_at").as("reminded before the close")
                .isNotNull();
        assertThat(api.get("/api/me/push-batches", rep).json()).isEmpty();
    }

    @Test
    void aRepsDueLeadsGoAsOneBatchAndALeadWhoBuysBeforeItGoesIsLeftOut() {
        String rep = api.newUser("rep", "REP");
        var channel = channel(rep, "公开课");
        String key = newKey();
        savePlan(key, List.of(step("DAY_AT_WINDOW", Map.of("day", 1, "window", "EVENING", "text", "本周公开课提醒",
                "delivery", "CONFIRM")), step("DAY_AT_WINDOW", Map.of("day", 3, "window", "EVENING", "text", "第二条"))),
                List.of(channel.get("id").asLong()));
        var leads = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            leads.add(newLead(channel.get("code").asText(), rep));
        }
        advanceTo(leads.stream().map(c -> (Instant) push(c, 1).get("due_at")).max(Instant::compareTo).orElseThrow());

        var batches = api.get("/api/me/push-batches", rep).json();
        assertThat(batches).as("one batch for the rep's step and window, however many leads").hasSize(1);
        assertThat(batches.get(0).get("customers").asInt()).isEqualTo(3);
        assertThat(Scenario.event(api, leads.get(0), "PURCHASED").status()).isEqualTo(202);
        assertThat(push(leads.get(0), 1).get("status")).as("bought before the batch went").isEqualTo("CANCELLED");
        api.post("/api/me/push-batches/" + batches.get(0).get("id").asText() + "/confirm", rep, Map.of());

        assertThat(push(leads.get(0), 1).get("status")).isEqualTo("CANCELLED");
        assertThat(List.of(push(leads.get(1), 1).get("status"), push(leads.get(2), 1).get("status")))
                .containsOnly("SENT");
        assertThat(db.queryForObject("select count(distinct wecom_msg_id) from push_outbox where plan_key = ?"
                + " and step_no = 1 and status = 'SENT'", Integer.class, key)).as("one mass-send").isEqualTo(1);
        assertThat(db.queryForList("select customer_id from push_outbox where plan_key = ? and step_no = 2", String.class,
                key)).as("the next step planned for those it went to").containsExactlyInAnyOrder(leads.get(1), leads.get(2));
    }

    @Test
    void aPushNobodyCanSendWaitsAndHoldsNoWindowUp() {
        String rep = api.newUser("rep", "REP");
        var channel = channel(rep, "无人值守");
        String code = channel.get("code").asText();
        String key = newKey();
        savePlan(key, List.of(step("DAY_AT_WINDOW", Map.of("day", 1, "window", "NOON", "text", "第一条"))),
                List.of(channel.get("id").asLong()));
        String served = newLead(code, rep);
        assertThat(api.put("/api/staff/" + rep + "/online", rep, Map.of("online", false)).status()).isEqualTo(200);
        var unserved = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", Leads.newPhone()));
        assertThat(unserved.status()).as(unserved.body()).isEqualTo(201);
        String ownerless = unserved.json().get("customerId").asText();
        assertThat(db.queryForObject("select owner_rep from customer where id = ?", String.class, ownerless))
                .as("nobody was on duty").isNull();
        assertThat(api.put("/api/staff/" + rep + "/online", rep, Map.of("online", true)).status()).isEqualTo(200);

        Instant now = Instant.parse(api.advanceClock("PT0S").json().get("now").asText());
        Instant due = (Instant) push(served, 1).get("due_at");
        var moved = api.advanceClock(Duration.between(now, due).plus(Duration.ofHours(2)).toString()).json();

        assertThat(moved.get("jobsFailed").asInt()).as("no job of the window failed").isZero();
        assertThat(push(served, 1).get("status")).as("the window went for everyone else").isEqualTo("SENT");
        assertThat(push(ownerless, 1).get("status")).as("nobody to send it: it waits").isEqualTo("SCHEDULED");
    }

    @Test
    void aPlanEndingForAFlowThatDoesNotWaitForItLeavesTheOthersInTheBatchToGoOn() throws IOException {
        String compactXml = Files.readString(Path.of("processes/examples/compact-lifecycle.bpmn"));
        // an admin's flow that also waits for the plan's end (Msg_PlanFinished, optional), beside the first contact
        String waitingXml = compactXml.replace("\"compact-lifecycle\"", "\"plan-waiting-lifecycle\"")
                .replace("sourceRef=\"Task_RunSopPlan\" targetRef=\"Task_FirstContact\"",
                        "sourceRef=\"Task_RunSopPlan\" targetRef=\"Gateway_PlanAndContact\"")
                .replace("<sequenceFlow id=\"Flow_LeadCaptured_TagLead\"", """
                        <parallelGateway id="Gateway_PlanAndContact"/>
                        <sequenceFlow id="Flow_PlanAndContact_FirstContact" sourceRef="Gateway_PlanAndContact" targetRef="Task_FirstContact"/>
                        <sequenceFlow id="Flow_PlanAndContact_PlanFinished" sourceRef="Gateway_PlanAndContact" targetRef="Event_PlanFinished"/>
                        <intermediateCatchEvent id="Event_PlanFinished"><messageEventDefinition messageRef="Msg_PlanFinished"/></intermediateCatchEvent>
                        <sequenceFlow id="Flow_PlanFinished_PlanDone" sourceRef="Event_PlanFinished" targetRef="EndEvent_PlanDone"/>
                        <endEvent id="EndEvent_PlanDone"/>
                        <sequenceFlow id="Flow_LeadCaptured_TagLead\"""")
                .replace("<message id=\"Msg_Engaged\"", "<message id=\"Msg_PlanFinished\" name=\"Msg_PlanFinished\"/><message id=\"Msg_Engaged\"");
        repository.createDeployment().name("lifecycles-" + UUID.randomUUID())
                .addString("compact-lifecycle.bpmn", compactXml).addString("plan-waiting-lifecycle.bpmn", waitingXml)
                .deploy();
        String rep = api.newUser("rep", "REP");
        var waitingChannel = api.post("/api/channels", ADMIN, Map.of("name", "等计划结束", "staff", List.of(rep),
                "lifecycleFlow", "plan-waiting-lifecycle"));
        assertThat(waitingChannel.status()).as(waitingChannel.body()).isEqualTo(201);
        var waiting = waitingChannel.json();
        var compact = api.post("/api/channels", ADMIN, Map.of("name", "不等计划结束", "staff", List.of(rep),
                "lifecycleFlow", "compact-lifecycle"));
        assertThat(compact.status()).as(compact.body()).isEqualTo(201);
        String key = newKey();
        savePlan(key, List.of(step("DAY_AT_WINDOW", Map.of("day", 1, "window", "NOON", "text", "唯一一条"))),
                List.of(waiting.get("id").asLong(), compact.json().get("id").asLong()));
        String waits = Scenario.lead(api, waiting.get("code").asText(), Leads.newPhone(), null);
        String doesNotWait = Scenario.lead(api, compact.json().get("code").asText(), Leads.newPhone(), null);
        assertThat(runtime.getActiveActivityIds(lifecycle(waits))).contains("Event_PlanFinished");

        advanceTo(((Instant) push(waits, 1).get("due_at")).plus(Duration.ofMinutes(5)));

        assertThat(db.queryForList("select distinct wecom_msg_id from push_outbox where plan_key = ? and status = 'SENT'",
                String.class, key)).as("one mass-send for both").hasSize(1);
        assertThat(runtime.getActiveActivityIds(lifecycle(waits)))
                .as("told that its plan ended, though the other flow in the batch was not listening")
                .doesNotContain("Event_PlanFinished");
    }

    @Test
    void aFixedDateTimeAndWeeklyStepsGoOnTheirDays() {
        String rep = api.newUser("rep", "REP");
        var channel = channel(rep, "开学季");
        var now = Instant.parse(api.advanceClock("PT0S").json().get("now").asText()).atZone(SHANGHAI);
        var openClass = now.toLocalDate().plusDays(3).atTime(19, 0);
        var saved = savePlan(newKey(), List.of(
                step("AT_DATE_TIME", Map.of("dateTime", openClass.toString(), "text", "今晚七点公开课")),
                step("WEEKLY", Map.of("weekdays", List.of("monday", "THURSDAY"), "weeks", 1, "window", "NOON",
                        "text", "每周一、四的学习提醒"))), List.of(channel.get("id").asLong()));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().get("steps")).as("a week of Monday and Thursday after the fixed step").hasSize(3);
        String customerId = newLead(channel.get("code").asText(), rep);

        // within the 14 days after which a lead with no interaction goes silent and its plan ends
        api.advanceClock("P12D");

        var pushes = db.queryForList("select step_no, status, sent_at, due_at, move_reason from push_outbox"
                + " where customer_id = ? order by step_no", customerId);
        assertThat(pushes).as("%s, captured %s", pushes, now).extracting(p -> p.get("status"))
                .containsOnly("SENT").hasSize(3);
        var sent = pushes.stream().map(p -> ((Instant) instant(p.get("sent_at"))).atZone(SHANGHAI)).toList();
        // sent when its timer fired: the fixed minute, give or take the milliseconds the job took to start
        assertThat(sent.get(0).toLocalDateTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)).isEqualTo(openClass);
        var weekly = sent.subList(1, 3);
        assertThat(weekly).allMatch(at -> at.toLocalTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                        .equals(LocalTime.NOON))
                .allMatch(at -> at.getDayOfWeek() == java.time.DayOfWeek.MONDAY
                        || at.getDayOfWeek() == java.time.DayOfWeek.THURSDAY);
        for (int i = 1; i < weekly.size(); i++) {
            assertThat(weekly.get(i).getDayOfWeek()).as("the next given weekday each time")
                    .isNotEqualTo(weekly.get(i - 1).getDayOfWeek());
            // calendar days, not a duration: both go at noon, give or take the milliseconds a job takes to start
            assertThat(java.time.temporal.ChronoUnit.DAYS.between(weekly.get(i - 1).toLocalDate(),
                    weekly.get(i).toLocalDate())).isBetween(3L, 4L);
        }
    }

    @Test
    void theCustomersTimeZoneDecidesTheWindow() {
        String rep = api.newUser("rep", "REP");
        var channel = channel(rep, "海外");
        String key = newKey();
        savePlan(key, List.of(step("DAY_AT_WINDOW", Map.of("day", 0, "window", "MORNING", "text", "第一条")),
                step("DAY_AT_WINDOW", Map.of("day", 3, "window", "MORNING", "text", "按纽约时间的早上"))),
                List.of(channel.get("id").asLong()));
        String customerId = newLead(channel.get("code").asText(), rep);
        assertBadInput(api.put("/api/sop/customers/" + customerId + "/time-zone", ADMIN,
                Map.of("timeZone", "Mars/Olympus")), "timeZone", "region id");
        assertThat(put("/api/sop/customers/" + customerId + "/time-zone", Map.of("timeZone", "America/New_York")))
                .isEqualTo(204);
        api.advanceClock("P5D");
        var sent = (Instant) push(customerId, 2).get("sent_at");
        var newYork = sent.atZone(ZoneId.of("America/New_York")).toLocalTime();
        assertThat(newYork).isBetween(LocalTime.of(7, 0), LocalTime.of(7, 59, 59));
    }

    // --- helpers

    /** As the rep does it from the alert's card: the workspace opens at the batch, and its button confirms it. */
    private void confirmInTheWorkspace(String rep, long batch) {
        try (var browser = Browser.phone()) {
            browser.open("http://localhost:" + port + "/login");
            browser.evalAndLoad("document.querySelector('#username').value = '" + rep + "';"
                    + "document.querySelector('#password').value = '" + Api.REP_PASSWORD + "';"
                    + "document.querySelector('form').submit()");
            browser.open("http://localhost:" + port + "/m#batches/" + batch);
            String card = "document.querySelector('[data-batch=\"" + batch + "\"]')";
            browser.waitUntil(card + "?.classList.contains('highlight')");
            assertThat(browser.text(card + ".querySelector('.script-body').textContent")).isEqualTo("请顾问确认后发送");
            assertThat(browser.text(card + ".querySelector('button.confirm').textContent")).isEqualTo("确认发送给 1 位客户");
            browser.saveScreenshot("workspace-batch-to-confirm");
            browser.eval(card + ".querySelector('button.confirm').click()");
            browser.waitUntil("document.querySelector('#no-batches') !== null");
            assertThat(browser.text("document.querySelector('#toast').textContent")).contains("企业微信「客户群发」");
            browser.saveScreenshot("workspace-batch-confirmed");
        }
    }

    private Api.Response savePlan(String key, List<Map<String, Object>> steps) {
        return savePlan(key, steps, List.of());
    }

    private Api.Response savePlan(String key, List<Map<String, Object>> steps, List<Long> channels) {
        return api.post("/api/sop/plans", ADMIN, Map.of("key", key, "name", "测试计划 " + key, "channels", channels,
                "steps", steps));
    }

    private static Map<String, Object> step(String timing, Map<String, Object> fields) {
        var step = new LinkedHashMap<String, Object>(fields);
        step.put("timing", timing);
        step.putIfAbsent("text", "{{name}}您好");
        return step;
    }

    private JsonNode channel(String rep, String name) {
        var created = api.post("/api/channels", ADMIN, Map.of("name", name, "staff", List.of(rep), "tags", List.of(name)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private String newLead(String code, String rep) {
        var before = new ArrayList<String>();
        api.get("/api/me/tasks", rep).json().forEach(t -> before.add(t.get("lead").get("id").asText()));
        api.postForm("/q/" + code + "/lead", Map.of("name", "家长" + UUID.randomUUID().toString().substring(0, 4),
                "phone", Leads.newPhone()));
        for (var task : api.get("/api/me/tasks", rep).json()) {
            String id = task.get("lead").get("id").asText();
            if (!before.contains(id)) {
                return id;
            }
        }
        throw new AssertionError("the lead did not reach the rep");
    }

    private Map<String, Object> push(String customerId, int step) {
        var row = db.queryForMap("select * from push_outbox where customer_id = ? and step_no = ?", customerId, step);
        var result = new LinkedHashMap<String, Object>();
        row.forEach((column, value) -> result.put(column.toLowerCase(), instant(value)));
        return result;
    }

    /** H2 answers a datetime as a Timestamp, Connector/J as a LocalDateTime in the JVM's zone. */
    private static Object instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant()
                : value instanceof java.time.LocalDateTime l ? Timestamp.valueOf(l).toInstant() : value;
    }

    private void advanceTo(Instant at) {
        Instant now = Instant.parse(api.advanceClock("PT0S").json().get("now").asText());
        if (at.isAfter(now)) {
            assertThat(api.advanceClock(Duration.between(now, at).plusSeconds(1).toString()).status()).isEqualTo(200);
        }
    }

    private long waitingAt(String key, int version, int step) {
        return waitingAt(key, version, step, "DUE_TIME");
    }

    private long waitingAt(String key, int version, int step, String waitingFor) {
        for (var count : api.get("/api/sop/waiting", ADMIN).json()) {
            if (count.get("planKey").asText().equals(key) && count.get("planVersion").asInt() == version
                    && count.get("stepNo").asInt() == step && count.get("waitingFor").asText().equals(waitingFor)) {
                return count.get("leads").asLong();
            }
        }
        return 0;
    }

    private List<String> timeline(String customerId) {
        return db.queryForList("select summary from timeline_entry where customer_id = ? order by id", String.class,
                customerId);
    }

    private String lifecycle(String customerId) {
        return db.queryForObject("select lifecycle_instance_id from customer where id = ?", String.class, customerId);
    }

    private int put(String path, Object body) {
        return api.put(path, ADMIN, body).status();
    }

    private static java.time.LocalDate localDate(Object instant) {
        return ((Instant) instant).atZone(SHANGHAI).toLocalDate();
    }

    private static boolean inAWindow(Instant at) {
        LocalTime time = at.atZone(SHANGHAI).toLocalTime();
        return SopSettings.DEFAULT_WINDOWS.values().stream().map(r -> SendWindow.parse("w", r))
                .anyMatch(w -> w.contains(time));
    }

    private static void assertBadInput(Api.Response response, String field, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("detail").asText()).contains(message);
    }

    private static String newKey() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
