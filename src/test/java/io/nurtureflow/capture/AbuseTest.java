package io.nurtureflow.capture;

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

/** Floods, oversized and malformed input: clear errors, nothing half-written, no real lead lost. */
@ServiceTest
class AbuseTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aScanFloodFromOneAddressIsThrottledButARealLeadStillGetsThrough() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep, api.newUser("rep", "REP"))));
        String code = channel.get("code").asText();
        long id = channel.get("id").asLong();

        for (int i = 0; i < 150; i++) {
            var page = api.get("/q/" + code, null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"lead-form\"");
        }
        int logged = db.queryForObject("select count(*) from scan where channel_id = ?", Integer.class, id);
        int routed = db.queryForObject("select coalesce(sum(assigned), 0) from channel_staff_day where channel_id = ?",
                Integer.class, id);
        // 30 a minute per address; the flood may straddle one minute boundary
        assertThat(logged).isBetween(30, 60);
        assertThat(routed).as("throttled scans burn no caps").isEqualTo(logged);

        String phone = Leads.newPhone();
        var thanks = api.postForm("/q/" + code + "/lead", Map.of("scanId", "", "name", "真实家长", "phone", phone));
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("提交成功");
        assertThat(db.queryForObject("select count(*) from captured_lead where channel_id = ? and name = '真实家长'",
                Integer.class, id)).isEqualTo(1);
    }

    @Test
    void oversizedOrMalformedFormFieldsGetAClearPageAndStoreNothing() {
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        String code = channel.get("code").asText();
        long id = channel.get("id").asLong();

        var longName = api.postForm("/q/" + code + "/lead", Map.of("name", "长".repeat(10_000), "phone", Leads.newPhone()));
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.contentType()).startsWith("text/html");
        assertThat(longName.body()).contains("请填写您的称呼（最多 50 个字）").doesNotContain("长".repeat(51));

        var badPhone = api.postForm("/q/" + code + "/lead", Map.of("name", "王", "phone", "12345"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.body()).contains("请填写正确的手机号码").contains("value=\"12345\"");

        assertThat(api.postForm("/q/" + code + "/lead", Map.of("name", "王", "phone", "1".repeat(5_000))).status())
                .isEqualTo(400);
        assertThat(api.postForm("/q/" + code + "/lead", Map.of("name", "   ", "phone", Leads.newPhone())).status())
                .isEqualTo(400);
        assertThat(db.queryForObject("select count(*) from captured_lead where channel_id = ?", Integer.class, id)).isZero();

        var garbageScanId = api.postForm("/q/" + code + "/lead", Map.of("scanId", "1;drop table scan", "name", "王",
                "phone", Leads.newPhone()));
        assertThat(garbageScanId.status()).as("a mangled scan id is ignored, the lead kept").isEqualTo(200);
        assertThat(db.queryForObject("select count(*) from captured_lead where channel_id = ?", Integer.class, id)).isEqualTo(1);
    }

    @Test
    void theApiNamesTheBadFieldAndCreatesNothing() {
        String rep = api.newUser("rep", "REP");
        String code = ChannelFixtures.newCode();
        var notARep = api.post("/api/channels", ADMIN, Map.of("name", "x", "code", code, "staff", List.of(rep, "ghost-rep")));
        assertThat(notARep.status()).isEqualTo(400);
        assertThat(notARep.json().get("field").asText()).isEqualTo("staff[1].rep");
        assertThat(db.queryForObject("select count(*) from channel where code = ?", Integer.class, code)).isZero();

        var badWeight = api.post("/api/channels", ADMIN, Map.of("name", "x", "staff", List.of(Map.of("rep", rep, "weight", 0))));
        assertThat(badWeight.json().get("field").asText()).isEqualTo("staff[0].weight");
        var badHours = api.post("/api/channels", ADMIN, Map.of("name", "x", "staff",
                List.of(Map.of("rep", rep, "hours", List.of(Map.of("days", List.of(8), "from", "09:00", "to", "18:00"))))));
        assertThat(badHours.json().get("field").asText()).startsWith("staff[0].hours[0].days");
        var badTime = api.post("/api/channels", ADMIN, Map.of("name", "x", "staff",
                List.of(Map.of("rep", rep, "hours", List.of(Map.of("days", List.of(1), "from", "9 o'clock", "to", "18:00"))))));
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("field").asText()).isEqualTo("staff[0].hours[0].from");
        var onlyBackups = api.post("/api/channels", ADMIN, Map.of("name", "x", "staff", List.of(Map.of("rep", rep, "backup", true))));
        assertThat(onlyBackups.json().get("field").asText()).isEqualTo("staff");
        assertThat(api.post("/api/channels", ADMIN, "{\"name\": ").json().get("field").asText()).isEqualTo("body");

        var lead = api.post("/api/leads", ADMIN, Map.of("channelCode", "x", "name", "名".repeat(51), "phone", Leads.newPhone()));
        assertThat(lead.status()).isEqualTo(400);
        assertThat(lead.json().get("field").asText()).isEqualTo("name");

        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(Map.of("rep", rep, "dailyCap", 1))));
        var noIdentity = api.post("/api/leads", ADMIN, Map.of("channelCode", channel.get("code").asText(), "name", "无号码"));
        assertThat(noIdentity.json().get("field").asText()).isEqualTo("phone");
        assertThat(db.queryForObject("select count(*) from channel_staff_day where channel_id = ?", Integer.class,
                channel.get("id").asLong())).as("a rejected lead takes no rep's turn").isZero();
    }
}
