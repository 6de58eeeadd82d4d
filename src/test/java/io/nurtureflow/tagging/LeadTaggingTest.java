package io.nurtureflow.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** lead-tagging.dmn deciding tags and the layer from channel, answers and region; tag groups; manual tags. */
@ServiceTest
class LeadTaggingTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    Tags tags;
    @Autowired
    PlatformTransactionManager transactions;
    Api api;
    String rep;

    @BeforeEach
    void connect() {
        api = new Api(port);
        rep = api.newUser("rep", "REP");
    }

    @Test
    void theDecisionTagsByAnswersAndRegionAndALaterGradeReplacesTheEarlierOne() {
        String beijingPhone = "1860000" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        var lead = api.post("/api/leads", ADMIN, Map.of("channelCode", channel("中考讲座"), "name", "刘洋", "phone", beijingPhone,
                "answers", Map.of("grade", "初三", "subject", "数学")));
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        String customerId = lead.json().get("customerId").asText();

        var profile = api.get("/api/customers/" + customerId, rep).json();
        assertThat(texts(profile.get("tags"))).contains("中考讲座", "初三", "数学", "本地");
        assertThat(profile.get("layer").asText()).isEqualTo("A 升学冲刺");
        assertThat(profile.get("timeline").findValuesAsText("kind")).contains("TAGGED", "LAYER");
        assertThat(db.queryForList("select added from tag_sync where customer_id = ?", String.class, customerId))
                .as("the intake's channel and decided tags go to WeCom as one change").singleElement()
                .satisfies(added -> assertThat(added.split(",")).containsExactlyInAnyOrder("中考讲座", "初三", "数学", "本地"));

        api.post("/api/leads", ADMIN, Map.of("channelCode", channel("期中答疑"), "name", "刘洋", "phone", beijingPhone,
                "answers", Map.of("grade", "初二", "subject", "英语")));
        api.advanceClock("PT0S");

        var retagged = api.get("/api/customers/" + customerId, rep).json();
        assertThat(texts(retagged.get("tags"))).as("grade is one-tag-only").contains("初中", "数学", "英语", "期中答疑")
                .doesNotContain("初三");
        assertThat(retagged.get("layer").asText()).isEqualTo("B 常规培优");
        assertThat(retagged.get("timeline").findValuesAsText("summary")).anyMatch(s -> s.contains("+初中") && s.contains("-初三"));
        assertThat(db.queryForList("select added from tag_sync where customer_id = ?", String.class, customerId))
                .as("every change is queued for WeCom").anyMatch(added -> added.contains("初中"));
    }

    @Test
    void aLeadWithoutAnswersIsLayeredToLearnMore() {
        String customerId = api.post("/api/leads", ADMIN, Map.of("channelCode", channel("朋友圈"), "name", "马丁",
                "phone", Leads.newPhone())).json().get("customerId").asText();

        assertThat(api.get("/api/customers/" + customerId, rep).json().get("layer").asText()).isEqualTo("C 待了解");
    }

    @Test
    void clickingThePricingArticleEarnsBehaviourTagsOnce() {
        String customerId = api.post("/api/leads", ADMIN, Map.of("channelCode", channel("公开课"), "name", "秦岚",
                "phone", Leads.newPhone())).json().get("customerId").asText();
        Map<String, Object> click = Map.of("customerId", customerId, "type", "LINK_CLICKED",
                "payload", Map.of("url", "https://example.edu/pricing?from=sop"));

        api.post("/api/events", ADMIN, withEventId(click, "click-" + customerId));
        api.post("/api/events", ADMIN, withEventId(click, "click-" + customerId));
        api.post("/api/events", ADMIN, withEventId(Map.of("customerId", customerId, "type", "LINK_CLICKED",
                "payload", Map.of("url", "https://example.edu/open-class")), "other-" + customerId));

        var profile = api.get("/api/customers/" + customerId, rep).json();
        assertThat(texts(profile.get("tags"))).contains("看过价格", "高意向");
        assertThat(profile.get("timeline").findValuesAsText("summary").stream()
                .filter(summary -> summary.contains("+看过价格")).count()).as("a repeated delivery adds nothing").isEqualTo(1);
    }

    @Test
    void manualTagsMustBeKnownAndOnlyTheOwnerOrALeadMayTag() {
        String customerId = api.post("/api/leads", ADMIN, Map.of("channelCode", channel("门店"), "name", "高飞",
                "phone", Leads.newPhone())).json().get("customerId").asText();

        var unknown = api.post("/api/customers/" + customerId + "/tags", rep, Map.of("tag", "没定义过的标签"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("tag");
        assertThat(api.post("/api/customers/" + customerId + "/tags", rep, Map.of("tag", "高意向")).status()).isEqualTo(200);
        assertThat(api.post("/api/customers/" + customerId + "/tags", api.newUser("rep", "REP"), Map.of("tag", "中意向"))
                .status()).isEqualTo(403);
        assertThat(api.post("/api/customers/" + customerId + "/tags", rep, Map.of("tag", "中意向")).json()
                .get("removed").toString()).as("intent is one-tag-only").contains("高意向");

        var group = api.post("/api/tags/groups", ADMIN, Map.of("name", "班型" + customerId.substring(20), "oneTagOnly", false));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        var defined = api.post("/api/tags", ADMIN, Map.of("name", "小班课" + customerId.substring(20),
                "group", group.json().get("name").asText(), "wecomTagId", "et-small-class"));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        assertThat(api.post("/api/tags", ADMIN, Map.of("name", "a,b")).json().get("field").asText()).isEqualTo("name");
        assertThat(api.post("/api/tags", rep, Map.of("name", "rep-tag")).status()).isEqualTo(403);
    }

    private static Map<String, Object> withEventId(Map<String, Object> event, String eventId) {
        var withId = new java.util.HashMap<>(event);
        withId.put("eventId", eventId);
        return withId;
    }

    private String channel(String name) {
        var created = api.post("/api/channels", ADMIN, Map.of("name", name, "staff", List.of(rep), "tags", List.of(name)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("code").asText();
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    @Test
    void oneTransactionsTagChangesReachWeComAsTheirNetChange() {
        String customerId = api.post("/api/leads", ADMIN, Map.of("channelCode", channel("朋友圈"), "name", "程实",
                "phone", Leads.newPhone())).json().get("customerId").asText();
        int before = db.queryForObject("select count(*) from tag_sync where customer_id = ?", Integer.class, customerId);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            tags.add(customerId, List.of("初三"), "MANUAL", "test");
            tags.add(customerId, List.of("初中"), "MANUAL", "test");
            tags.add(customerId, List.of("数学"), "MANUAL", "test");
            tags.remove(customerId, "数学", "test");
        });

        assertThat(db.queryForList("select concat(added, '|', removed) from tag_sync where customer_id = ? order by id",
                String.class, customerId)).as("初三 replaced by 初中 within the transaction, 数学 added and taken back")
                .hasSize(before + 1).last().isEqualTo("初中|");
        assertThat(texts(api.get("/api/customers/" + customerId, rep).json().get("tags"))).contains("初中")
                .doesNotContain("初三", "数学");

        tags.remove(customerId, "初中", "test");
        assertThat(db.queryForList("select concat(added, '|', removed) from tag_sync where customer_id = ? order by id",
                String.class, customerId)).as("outside a transaction of the caller's, a change is queued at once")
                .last().isEqualTo("|初中");
    }
}
