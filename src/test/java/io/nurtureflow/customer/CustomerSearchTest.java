package io.nurtureflow.customer;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Looking customers up by phone, name, tag, stage and owner, a page at a time, each caller within their scope. */
@ServiceTest
class CustomerSearchTest {

    @LocalServerPort
    int port;
    Api api;
    String family;
    String repA;
    String repB;
    String salesLead;
    String phoneA;
    String customerA;
    String customerB;
    String tag;

    /** Two customers of one family name (unique to this test), owned by two reps; a sales lead leads rep A. */
    @BeforeEach
    void twoCustomersOfTwoReps() {
        api = new Api(port);
        family = "搜" + UUID.randomUUID().toString().substring(0, 6);
        repA = api.newUser("rep", "REP");
        repB = api.newUser("rep", "REP");
        salesLead = api.newUser("lead", "SALES_LEAD");
        assertThat(api.put("/api/reps/" + repA, ADMIN, Map.of("salesLead", salesLead)).status()).isEqualTo(200);
        phoneA = Leads.newPhone();
        customerA = lead(repA, family + "甲", phoneA);
        // B is the newer one even where the database keeps whole seconds only
        assertThat(api.advanceClock("PT2S").status()).isEqualTo(200);
        customerB = lead(repB, family + "乙", Leads.newPhone());
        tag = "高意向-" + UUID.randomUUID().toString().substring(0, 6);
        api.post("/api/tags", ADMIN, Map.of("name", tag));
        assertThat(api.post("/api/customers/" + customerA + "/tags", ADMIN, Map.of("tag", tag)).status()).isEqualTo(200);
    }

    @Test
    void aPhoneIsFoundInAnySpellingIntakeAccepts() {
        String spaced = "+86 " + phoneA.substring(0, 3) + " " + phoneA.substring(3, 7) + " " + phoneA.substring(7);

        assertThat(ids(search(ADMIN, "phone", spaced))).containsExactly(customerA);
        assertThat(ids(search(ADMIN, "phone", "0086" + phoneA))).containsExactly(customerA);
        assertThat(ids(search(ADMIN, "phone", phoneA))).containsExactly(customerA);
    }

    @Test
    void namesTagsStagesAndOwnersNarrowTheResult() {
        assertThat(ids(search(ADMIN, "name", family))).containsExactlyInAnyOrder(customerA, customerB);
        assertThat(ids(search(ADMIN, "name", family, "tag", tag))).containsExactly(customerA);
        assertThat(ids(search(ADMIN, "name", family, "stage", "NURTURING"))).containsExactlyInAnyOrder(customerA, customerB);
        assertThat(ids(search(ADMIN, "name", family, "stage", "CUSTOMER"))).isEmpty();
        assertThat(ids(search(ADMIN, "name", family, "owner", repB))).containsExactly(customerB);
        assertThat(ids(search(ADMIN, "name", family + "%"))).as("a wildcard typed is a character").isEmpty();

        var hit = search(ADMIN, "name", family, "owner", repB).get("customers").get(0);
        assertThat(hit.get("name").asText()).isEqualTo(family + "乙");
        assertThat(hit.get("stage").asText()).isEqualTo("NURTURING");
    }

    @Test
    void pagesAreNewestFirstWithTheTotal() {
        var first = search(ADMIN, "name", family, "size", "1");
        var second = search(ADMIN, "name", family, "size", "1", "page", "1");
        var beyond = search(ADMIN, "name", family, "size", "1", "page", "2");

        assertThat(first.get("total").asLong()).isEqualTo(2);
        assertThat(ids(first)).containsExactly(customerB);
        assertThat(ids(second)).containsExactly(customerA);
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void repsFindOnlyTheirOwnAndSalesLeadsTheirTeams() {
        assertThat(ids(search(repA, "name", family))).containsExactly(customerA);
        assertThat(ids(search(repA, "name", family, "owner", repB))).isEmpty();
        assertThat(ids(search(repB, "phone", phoneA))).isEmpty();
        assertThat(ids(search(salesLead, "name", family))).containsExactly(customerA);
        assertThat(ids(search(api.newUser("lead", "SALES_LEAD"), "name", family))).isEmpty();
        assertThat(api.get("/api/customers", null).status()).isEqualTo(401);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        assertBadParameter("phone", "12");
        assertBadParameter("stage", "SLEEPING");
        assertBadParameter("page", "-1");
        assertBadParameter("page", "first");
        assertBadParameter("size", "0");
        assertBadParameter("size", "101");
        assertBadParameter("name", "名".repeat(101));
        assertBadParameter("tag", "t".repeat(65));
        assertBadParameter("owner", "o".repeat(65));
    }

    private void assertBadParameter(String name, String value) {
        var answer = api.get("/api/customers?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), ADMIN);
        assertThat(answer.status()).as(name + "=" + value + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(name);
    }

    private String lead(String rep, String name, String phone) {
        String code = api.post("/api/channels", ADMIN, Map.of("name", "搜索测试", "staff", List.of(rep))).json()
                .get("code").asText();
        var created = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "name", name, "phone", phone));
        assertThat(created.status()).as(created.body()).isBetween(200, 201);
        return created.json().get("customerId").asText();
    }

    private JsonNode search(String user, String... parameters) {
        var query = new StringBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "?" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        var answer = api.get("/api/customers" + query, user);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("customers").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }
}
