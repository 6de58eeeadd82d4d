package io.nurtureflow.capture;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.system.TimeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class ChannelStatsTest {

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;
    @Autowired
    TimeConfig config;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void scansLeadsNewAndDuplicatePerRepAndDay() {
        String a = api.newUser("rep", "REP");
        String b = api.newUser("rep", "REP");
        var channel = ChannelFixtures.withStaff(api, List.of(a, b));
        String code = channel.get("code").asText();
        String returning = Leads.newPhone();

        String first = Leads.scanIdOf(api.get("/q/" + code, null).body());   // a
        String second = Leads.scanIdOf(api.get("/q/" + code, null).body());  // b
        api.get("/q/" + code, null);                                          // a, no lead
        api.postForm("/q/" + code + "/lead", Map.of("scanId", first, "name", "甲", "phone", returning));
        api.postForm("/q/" + code + "/lead", Map.of("scanId", second, "name", "乙", "phone", Leads.newPhone()));
        api.postForm("/q/" + code + "/lead", Map.of("scanId", first, "name", "甲", "phone", returning));

        var stats = api.get("/api/channels/" + channel.get("id").asText() + "/stats", ADMIN).json();
        assertThat(stats.get("total").get("scans").asInt()).isEqualTo(3);
        assertThat(stats.get("total").get("leads").asInt()).isEqualTo(3);
        assertThat(stats.get("total").get("newLeads").asInt()).isEqualTo(2);
        assertThat(stats.get("total").get("duplicateLeads").asInt()).isEqualTo(1);

        var perStaff = stats.get("perStaff");
        assertThat(perStaff).hasSize(2);
        for (var row : perStaff) {
            var counts = row.get("counts");
            if (row.get("rep").asText().equals(a)) {
                assertThat(counts.get("scans").asInt()).isEqualTo(2);
                assertThat(counts.get("leads").asInt()).isEqualTo(2);
                assertThat(counts.get("duplicateLeads").asInt()).isEqualTo(1);
            } else {
                assertThat(row.get("rep").asText()).isEqualTo(b);
                assertThat(counts.get("scans").asInt()).isEqualTo(1);
                assertThat(counts.get("newLeads").asInt()).isEqualTo(1);
            }
        }
        var today = LocalDate.ofInstant(clock.instant(), config.timeZone());
        assertThat(stats.get("perDay")).hasSize(1);
        assertThat(stats.get("perDay").get(0).get("day").asText()).isEqualTo(today.toString());
        assertThat(stats.get("perDay").get(0).get("counts").get("scans").asInt()).isEqualTo(3);

        assertThat(api.get("/api/channels/" + channel.get("id").asText() + "/stats", a).status()).isEqualTo(403);
        assertThat(api.get("/api/channels/999999999/stats", ADMIN).status()).isEqualTo(404);
    }
}
