package io.nurtureflow.customer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Merging two customers that are one person, its survivorship rules, its record, its lifecycles, and undo. */
@ServiceTest
class CustomerMergeTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    Api api;
    String salesLead;

    @BeforeEach
    void connect() {
        api = new Api(port);
        salesLead = api.newUser("lead", "SALES_LEAD");
    }

    @Test
    void mergingKeepsTheOlderCustomerAndOneLifecycleAndUndoGivesEverythingBack() {
        String firstRep = api.newUser("rep", "REP");
        String secondRep = api.newUser("rep", "REP");
        String olderPhone = Leads.newPhone();
        String newerPhone = Leads.newPhone();
        String older = capture(firstRep, "海报", "王小明妈妈", olderPhone);
        api.advanceClock("PT1H");
        String newer = capture(secondRep, "直播", null, newerPhone);
        tag(older, "初中");
        tag(older, "数学");
        api.advanceClock("PT1M");
        tag(newer, "初三");
        tag(newer, "英语");
        String newerLifecycle = lifecycleOf(newer);

        var merge = api.post("/api/merges", salesLead, Map.of("customerIds", List.of(newer, older),
                "reason", "同一位家长，两个手机号"));

        assertThat(merge.status()).as(merge.body()).isEqualTo(201);
        var record = merge.json();
        assertThat(record.get("survivorId").asText()).as("the older id survives").isEqualTo(older);
        assertThat(record.get("mergedBy").asText()).isEqualTo(salesLead);
        assertThat(record.get("reason").asText()).isEqualTo("同一位家长，两个手机号");
        var survivor = api.get("/api/customers/" + older, ADMIN).json();
        assertThat(survivor.get("identities").findValuesAsText("idValue")).containsExactlyInAnyOrder("+86" + olderPhone, "+86" + newerPhone);
        assertThat(survivor.get("name").asText()).isEqualTo("王小明妈妈");
        assertThat(survivor.get("owner").asText()).as("the first protected owner keeps the customer").isEqualTo(firstRep);
        assertThat(texts(survivor.get("tags"))).as("grade is one-tag-only: the newer grade wins")
                .contains("初三", "数学", "英语").doesNotContain("初中");
        assertThat(survivor.get("timeline").findValuesAsText("kind")).contains("MERGED");
        assertThat(api.get("/api/customers/" + newer, ADMIN).json().get("mergedInto").asText()).isEqualTo(older);
        assertThat(running(lifecycleOf(older))).isTrue();
        assertThat(running(newerLifecycle)).as("exactly one lifecycle keeps running").isFalse();
        assertThat(api.get("/engine-rest/history/process-instance?processInstanceId=" + newerLifecycle, ADMIN).json()
                .get(0).get("deleteReason").asText()).contains("Merged into customer " + older).contains("两个手机号");
        assertThat(api.get("/api/me/tasks", secondRep).json()).as("the ended lifecycle's tasks are closed").isEmpty();

        var undone = api.post("/api/merges/" + record.get("id").asLong() + "/undo", salesLead, Map.of());

        assertThat(undone.status()).as(undone.body()).isEqualTo(200);
        assertThat(undone.json().get("undoneBy").asText()).isEqualTo(salesLead);
        var restored = api.get("/api/customers/" + older, ADMIN).json();
        assertThat(restored.get("identities").findValuesAsText("idValue")).containsExactly("+86" + olderPhone);
        assertThat(texts(restored.get("tags"))).contains("初中", "数学").doesNotContain("初三", "英语");
        var separated = api.get("/api/customers/" + newer, ADMIN).json();
        assertThat(separated.get("mergedInto").isNull()).isTrue();
        assertThat(separated.get("identities").findValuesAsText("idValue")).containsExactly("+86" + newerPhone);
        assertThat(separated.get("owner").asText()).isEqualTo(secondRep);
        assertThat(running(lifecycleOf(newer))).as("the separated customer is nurtured again").isTrue();
        var again = api.post("/api/merges/" + record.get("id").asLong() + "/undo", salesLead, Map.of());
        assertThat(again.status()).as("a merge undone already is a conflict, not bad input").isEqualTo(409);
        assertThat(again.json().get("field").asText()).isEqualTo("mergeId");
    }

    @Test
    void aMergedCustomerWithoutLifecycleTakesOverTheOtherOne() {
        String rep = api.newUser("rep", "REP");
        String older = capture(rep, "门店", "陈晨", Leads.newPhone());
        api.post("/api/events", ADMIN, Map.of("eventId", java.util.UUID.randomUUID().toString(), "customerId", older,
                "type", "PURCHASED"));
        String newer = capture(rep, "门店", "陈晨爸爸", Leads.newPhone());
        String newerLifecycle = lifecycleOf(newer);

        var record = api.post("/api/merges", ADMIN, Map.of("customerIds", List.of(older, newer), "reason", "同一家庭")).json();

        assertThat(record.get("movedLifecycle").asText()).isEqualTo(newerLifecycle);
        assertThat(running(newerLifecycle)).isTrue();
        assertThat(lifecycleOf(older)).isEqualTo(newerLifecycle);
        assertThat(api.get("/api/customers/" + older, ADMIN).json().get("stage").asText())
                .as("the stage furthest along wins").isEqualTo("CUSTOMER");
    }

    @Test
    void undoIsRefusedAfterTheUndoPeriod() {
        String rep = api.newUser("rep", "REP");
        String a = capture(rep, "展会", "黄河", Leads.newPhone());
        String b = capture(rep, "展会", "黄河", Leads.newPhone());
        long id = api.post("/api/merges", salesLead, Map.of("customerIds", List.of(a, b), "reason", "重复录入")).json()
                .get("id").asLong();

        api.advanceClock("P8D");

        var late = api.post("/api/merges/" + id + "/undo", salesLead, Map.of());
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("detail").asText()).contains("can only be undone until");
    }

    @Test
    void badMergeRequestsChangeNothing() {
        String rep = api.newUser("rep", "REP");
        String a = capture(rep, "地推", "林峰", Leads.newPhone());
        String b = capture(rep, "地推", "林峰", Leads.newPhone());
        int merges = db.queryForObject("select count(*) from customer_merge", Integer.class);

        assertThat(field(api.post("/api/merges", salesLead, Map.of("customerIds", List.of(a, a), "reason", "x"))))
                .isEqualTo("customerIds");
        assertThat(field(api.post("/api/merges", salesLead, Map.of("customerIds", List.of(a, b)))))
                .isEqualTo("reason");
        assertThat(api.post("/api/merges", salesLead, Map.of("customerIds", List.of(a, "C-nobody"), "reason", "x"))
                .status()).isEqualTo(404);
        assertThat(api.post("/api/merges", rep, Map.of("customerIds", List.of(a, b), "reason", "x")).status())
                .as("reps do not merge").isEqualTo(403);

        assertThat(db.queryForObject("select count(*) from customer_merge", Integer.class)).isEqualTo(merges);
        assertThat(db.queryForObject("select count(*) from customer where id in (?, ?) and merged_into is null",
                Integer.class, a, b)).isEqualTo(2);
        assertThat(running(lifecycleOf(a))).isTrue();
        assertThat(running(lifecycleOf(b))).isTrue();
    }

    private String capture(String rep, String channelName, String name, String phone) {
        var channel = api.post("/api/channels", ADMIN, Map.of("name", channelName, "staff", List.of(rep))).json();
        var body = new java.util.HashMap<String, Object>(Map.of("channelCode", channel.get("code").asText(), "phone", phone));
        if (name != null) {
            body.put("name", name);
        }
        var lead = api.post("/api/leads", ADMIN, body);
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        return lead.json().get("customerId").asText();
    }

    private void tag(String customerId, String tag) {
        var tagged = api.post("/api/customers/" + customerId + "/tags", ADMIN, Map.of("tag", tag));
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
    }

    private String lifecycleOf(String customerId) {
        return db.queryForObject("select lifecycle_instance_id from customer where id = ?", String.class, customerId);
    }

    private boolean running(String instanceId) {
        return api.get("/engine-rest/process-instance?processInstanceIds=" + instanceId, ADMIN).json().size() == 1;
    }

    private static String field(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("field").asText();
    }

    private static List<String> texts(JsonNode array) {
        var texts = new java.util.ArrayList<String>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
