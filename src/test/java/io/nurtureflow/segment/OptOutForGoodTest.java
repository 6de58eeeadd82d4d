package io.nurtureflow.segment;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** An unsubscribe binds every later nurture of that person, even one a new scan starts. */
@ServiceTest
class OptOutForGoodTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;

    @Test
    void aLeadWhoUnsubscribedAndScansAgainGetsNoPushes() {
        var api = new Api(port);
        String rep = api.newUser("rep", "REP");
        String code = api.post("/api/channels", ADMIN, Map.of("name", "退订测试", "staff", List.of(rep))).json()
                .get("code").asText();
        String phone = Leads.newPhone();
        var first = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", phone)).json();
        String customerId = first.get("customerId").asText();
        api.post("/api/events", ADMIN, Map.of("eventId", UUID.randomUUID().toString(), "customerId", customerId,
                "type", "UNSUBSCRIBED"));

        var again = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", phone)).json();
        api.advanceClock("P10D");

        assertThat(again.get("customerId").asText()).isEqualTo(customerId);
        assertThat(db.queryForObject("select count(*) from push_outbox where customer_id = ? and sent_at is not null",
                Integer.class, customerId)).as("pushes sent after the unsubscribe").isZero();
        assertThat(db.queryForList("select summary from timeline_entry where customer_id = ? and kind = 'PUSH'",
                String.class, customerId)).as("the only push news: the planned one was cancelled")
                .singleElement().asString().contains("cancelled: unsubscribed");
    }
}
