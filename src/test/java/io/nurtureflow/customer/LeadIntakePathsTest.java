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

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Every path through lead-intake.bpmn that identity matching opens, driven through the public API. */
@ServiceTest
class LeadIntakePathsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    CrmMatching matching;
    @Autowired
    LeadMapper leads;
    @Autowired
    java.time.Clock clock;
    Api api;
    String salesLead;

    @BeforeEach
    void connect() {
        api = new Api(port);
        salesLead = api.newUser("lead", "SALES_LEAD");
    }

    @Test
    void theSameNameWithTheSamePhoneTailIsReviewedAndMergedOnRequest() {
        String rep = api.newUser("rep", "REP");
        String code = channel(rep, "试听课");
        String tail = String.format("%04d", (int) (Math.random() * 10_000));
        String name = "周" + UUID.randomUUID().toString().substring(0, 4);
        String first = lead(code, Map.of("name", name, "phone", "139" + digits(4) + tail)).get("customerId").asText();

        var second = lead(code, Map.of("name", name, "phone", "138" + digits(4) + tail));
        assertThat(second.get("customerId").isNull()).as("a likeness waits for a human").isTrue();
        var review = reviewOfLead(second.get("leadId").asLong());
        assertThat(review.get("kind").asText()).isEqualTo("LIKENESS");
        assertThat(review.get("customerId").asText()).isEqualTo(first);
        assertThat(review.get("leadPhone").asText()).as("sales leads see masked phones").contains("****").endsWith(tail);

        assertThat(api.post("/api/reviews/" + review.get("taskId").asText(), salesLead, Map.of("decision", "MERGE"))
                .status()).isEqualTo(204);

        assertThat(outcome(second.get("leadId").asLong())).containsEntry("customer_id", first).containsEntry("outcome", "IN_NURTURE");
        assertThat(api.get("/api/customers/" + first, ADMIN).json().findValuesAsText("idValue"))
                .as("the new phone joins the customer").hasSize(2);
        assertThat(lifecycles(first)).isEqualTo(1);
    }

    @Test
    void aLikenessKeptApartBecomesItsOwnCustomer() {
        String rep = api.newUser("rep", "REP");
        String code = channel(rep, "公众号");
        String tail = digits(4);
        String name = "吴" + UUID.randomUUID().toString().substring(0, 4);
        String first = lead(code, Map.of("name", name, "phone", "139" + digits(4) + tail)).get("customerId").asText();
        long second = lead(code, Map.of("name", name, "phone", "137" + digits(4) + tail)).get("leadId").asLong();

        var review = reviewOfLead(second);
        assertThat(api.post("/api/reviews/" + review.get("taskId").asText(), salesLead, Map.of("decision", "MERGE_PLEASE"))
                .json().get("field").asText()).isEqualTo("decision");
        api.post("/api/reviews/" + review.get("taskId").asText(), salesLead, Map.of("decision", "KEEP_APART"));

        var separate = outcome(second);
        assertThat(separate).containsEntry("outcome", "NEW");
        assertThat(separate.get("customer_id")).isNotEqualTo(first);
        assertThat(lifecycles((String) separate.get("customer_id"))).isEqualTo(1);
    }

    @Test
    void aKnownWeComContactWithANewPhoneIsReviewed() {
        String rep = api.newUser("rep", "REP");
        String code = channel(rep, "企微活码");
        String external = "wm" + UUID.randomUUID().toString().replace("-", "");
        String first = lead(code, Map.of("name", "郑爽", "phone", Leads.newPhone(), "externalUserId", external))
                .get("customerId").asText();

        var second = lead(code, Map.of("name", "郑妈妈", "phone", Leads.newPhone(), "externalUserId", external));
        var review = reviewOfLead(second.get("leadId").asLong());
        assertThat(review.get("customerId").asText()).isEqualTo(first);
        api.post("/api/reviews/" + review.get("taskId").asText(), salesLead, Map.of("decision", "KEEP_APART"));

        var separate = outcome(second.get("leadId").asLong());
        assertThat(separate.get("customer_id")).isNotEqualTo(first);
        assertThat(db.queryForObject("select customer_id from customer_identity where kind = 'EXTERNAL_USER_ID' and id_value = ?",
                String.class, external)).as("an identity has one owner; it stays where it was").isEqualTo(first);
    }

    @Test
    void aLeadOfAnotherRepInsideTheProtectionWindowIsACollisionTheSalesLeadSettles() {
        String owner = api.newUser("rep", "REP");
        String newcomer = api.newUser("rep", "REP");
        String phone = Leads.newPhone();
        String customerId = lead(channel(owner, "地推"), Map.of("name", "钱进", "phone", phone)).get("customerId").asText();

        long kept = lead(channel(newcomer, "转介绍"), Map.of("name", "钱进", "phone", phone)).get("leadId").asLong();
        var keep = reviewOfLead(kept);
        assertThat(keep.get("kind").asText()).isEqualTo("COLLISION");
        assertThat(keep.get("customerOwner").asText()).isEqualTo(owner);
        assertThat(api.get("/api/reviews", owner).status()).as("reps do not settle collisions").isEqualTo(403);
        api.post("/api/reviews/" + keep.get("taskId").asText(), salesLead, Map.of("decision", "KEEP_OWNER"));
        assertThat(owner(customerId)).isEqualTo(owner);
        assertThat(outcome(kept)).containsEntry("outcome", "IN_NURTURE");

        long reassigned = lead(channel(newcomer, "转介绍2"), Map.of("name", "钱进", "phone", phone)).get("leadId").asLong();
        api.post("/api/reviews/" + reviewOfLead(reassigned).get("taskId").asText(), salesLead, Map.of("decision", "REASSIGN"));
        assertThat(owner(customerId)).isEqualTo(newcomer);
        assertThat(db.queryForMap("select from_rep, to_rep, changed_by from owner_change where customer_id = ?", customerId))
                .containsEntry("from_rep", owner).containsEntry("to_rep", newcomer).containsEntry("changed_by", salesLead);
        assertThat(api.get("/engine-rest/task?processInstanceBusinessKey=" + customerId + "&assignee=" + newcomer, ADMIN)
                .json()).as("the open first-contact task follows the new owner").hasSize(1);
        assertThat(api.get("/api/me/tasks", newcomer).json()).as("in the new owner's inbox").hasSize(1);
        assertThat(api.get("/api/me/tasks", owner).json().toString()).as("and gone from the old owner's")
                .doesNotContain(customerId);
        assertThat(api.get("/api/customers/" + customerId, newcomer).status()).isEqualTo(200);
        assertThat(api.get("/api/customers/" + customerId, owner).status()).as("the old owner no longer reads it").isEqualTo(403);
    }

    @Test
    void afterTheProtectionWindowTheNewRepTakesTheCustomerOver() {
        String owner = api.newUser("rep", "REP");
        String newcomer = api.newUser("rep", "REP");
        String phone = Leads.newPhone();
        String customerId = lead(channel(owner, "老带新"), Map.of("name", "孙丽", "phone", phone)).get("customerId").asText();

        api.advanceClock("P31D");
        var late = lead(channel(newcomer, "直播间"), Map.of("name", "孙丽", "phone", phone));

        assertThat(late.get("customerId").asText()).isEqualTo(customerId);
        assertThat(owner(customerId)).isEqualTo(newcomer);
        assertThat(db.queryForMap("select from_rep, to_rep, reason from owner_change where customer_id = ?", customerId))
                .containsEntry("from_rep", owner).containsEntry("to_rep", newcomer);
        assertThat(api.get("/api/customers/" + customerId, ADMIN).json().get("timeline").findValuesAsText("kind"))
                .contains("OWNER");
    }

    @Test
    void aPastBuyerGetsCustomerCareNotTheNewLeadSop() {
        String rep = api.newUser("rep", "REP");
        String phone = Leads.newPhone();
        String customerId = lead(channel(rep, "线下课"), Map.of("name", "李雷", "phone", phone)).get("customerId").asText();
        api.post("/api/events", ADMIN, Map.of("eventId", UUID.randomUUID().toString(), "customerId", customerId,
                "type", "PURCHASED"));

        var again = lead(channel(rep, "续费活动"), Map.of("name", "李雷", "phone", phone));

        assertThat(again.get("outcome").asText()).isEqualTo("PAST_BUYER");
        var kinds = new java.util.ArrayList<String>();
        api.get("/api/me/tasks", rep).json().forEach(task -> kinds.add(task.get("kind").asText()));
        assertThat(kinds).containsExactly("CUSTOMER_CARE");
        assertThat(api.get("/engine-rest/process-instance?processDefinitionKey=lead-lifecycle&businessKey=" + customerId,
                ADMIN).json()).as("no new-lead SOP for a buyer").isEmpty();
    }

    @Test
    void emailsAreIdentitiesComparedWithoutCase() {
        String rep = api.newUser("rep", "REP");
        String code = channel(rep, "官网");
        String box = "parent." + UUID.randomUUID().toString().substring(0, 8);
        String first = lead(code, Map.of("name", "Lily", "email", box + "@Example.COM")).get("customerId").asText();
        var again = lead(code, Map.of("name", "Lily", "email", " " + box.toUpperCase() + "@example.com"));

        assertThat(again.get("customerId").asText()).isEqualTo(first);
        assertThat(api.get("/api/customers/" + first, ADMIN).json().findValuesAsText("idValue"))
                .containsExactly(box + "@example.com");
        var bad = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "email", "no-at-sign.example.com"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("email");
    }

    @Test
    void anInvalidPhoneIsRefusedAndNothingIsStored() {
        String code = channel(api.newUser("rep", "REP"), "广告");
        int before = db.queryForObject("select count(*) from captured_lead", Integer.class);

        var bad = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", "12345"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("field").asText()).isEqualTo("phone");
        assertThat(db.queryForObject("select count(*) from captured_lead", Integer.class)).isEqualTo(before);
    }

    @Test
    void theDatabaseRefusesASecondOwnerOfAnIdentity() {
        String rep = api.newUser("rep", "REP");
        String phone = Leads.newPhone();
        String customerId = lead(channel(rep, "门店"), Map.of("name", "韩梅", "phone", phone)).get("customerId").asText();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> db.update(
                "insert into customer_identity (kind, id_value, customer_id, created_at) values ('PHONE', ?, 'C-other', current_timestamp)",
                "+86" + phone))).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(db.queryForObject("select customer_id from customer_identity where kind = 'PHONE' and id_value = ?",
                String.class, "+86" + phone)).isEqualTo(customerId);
    }

    @Test
    void aLeadThatMatchedNobodyIsTakenAgainWhenItsPhoneWasTakenMeanwhile() {
        String rep = api.newUser("rep", "REP");
        String phone = Leads.newPhone();
        String first = lead(channel(rep, "地推"), Map.of("name", "冯莉", "phone", phone)).get("customerId").asText();
        // the second intake's own row, as it stood when it matched nobody: the first committed only after that
        var second = new LeadMapper.LeadRow();
        leads.insert(new CapturedLead(null, null, "FORM", "冯莉", "+86" + phone, null, null, rep, null, Map.of()), null,
                null, clock.instant(), second);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> matching.createCustomer(second.id, null)))
                .as("a concurrency failure: LeadIntake takes the intake again").isInstanceOf(IdentityTaken.class)
                .hasMessageContaining(first);
        assertThat(db.queryForObject("select count(*) from customer where name = '冯莉' and id <> ?", Integer.class, first))
                .as("no second customer for one phone").isZero();
    }

    private String channel(String rep, String name) {
        var created = api.post("/api/channels", ADMIN, Map.of("name", name, "staff", List.of(rep), "tags", List.of(name)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("code").asText();
    }

    private JsonNode lead(String code, Map<String, String> fields) {
        var body = new HashMap<String, Object>(fields);
        body.put("channelCode", code);
        var response = api.post("/api/leads", ADMIN, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private JsonNode reviewOfLead(long leadId) {
        for (var review : api.get("/api/reviews", salesLead).json()) {
            if (review.get("leadId").asLong() == leadId) {
                return review;
            }
        }
        throw new AssertionError("no open review for lead " + leadId);
    }

    private Map<String, Object> outcome(long leadId) {
        return db.queryForMap("select customer_id, outcome from captured_lead where id = ?", leadId);
    }

    private String owner(String customerId) {
        return db.queryForObject("select owner_rep from customer where id = ?", String.class, customerId);
    }

    private int lifecycles(String customerId) {
        return api.get("/engine-rest/process-instance?processDefinitionKey=lead-lifecycle&businessKey=" + customerId,
                ADMIN).json().size();
    }

    private static String digits(int count) {
        var digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((int) (Math.random() * 10));
        }
        return digits.toString();
    }
}
