package io.nurtureflow.customer;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Who sees what of a customer's profile. */
@ServiceTest
class CustomerProfileTest {

    @LocalServerPort
    int port;

    @Test
    void identitiesAreWholeOnlyForAdminsAndTheOwnerAndOtherRepsSeeNothing() {
        var api = new Api(port);
        String owner = api.newUser("rep", "REP");
        String otherRep = api.newUser("rep", "REP");
        String salesLead = api.newUser("lead", "SALES_LEAD");
        String code = api.post("/api/channels", ADMIN, Map.of("name", "官网", "staff", List.of(owner))).json()
                .get("code").asText();
        String phone = Leads.newPhone();
        String customerId = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "name", "沈月", "phone", phone,
                "email", "shen." + phone + "@example.com")).json().get("customerId").asText();

        var mine = api.get("/api/customers/" + customerId, owner).json();
        assertThat(mine.get("identities").findValuesAsText("idValue")).contains("+86" + phone, "shen." + phone + "@example.com");
        assertThat(mine.get("owner").asText()).isEqualTo(owner);
        assertThat(mine.get("stage").asText()).isEqualTo("NURTURING");
        assertThat(mine.has("score")).isTrue();
        assertThat(mine.get("layer").asText()).isNotBlank();
        assertThat(mine.get("timeline").findValuesAsText("kind")).contains("CAPTURED", "TAGGED", "LAYER");
        assertThat(api.get("/api/customers/" + customerId, ADMIN).json().get("identities").toString()).contains(phone);

        var reviewed = api.get("/api/customers/" + customerId, salesLead).json();
        assertThat(reviewed.get("identities").toString()).doesNotContain(phone)
                .contains("+86" + phone.substring(0, 3) + "****" + phone.substring(7)).contains("s***@example.com");

        var forbidden = api.get("/api/customers/" + customerId, otherRep);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body()).doesNotContain(phone);
    }
}
