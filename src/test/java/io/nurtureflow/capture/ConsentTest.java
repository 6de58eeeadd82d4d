package io.nurtureflow.capture;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing form says what it collects and why, and takes a lead only with the lead's tick under a privacy notice
 * version that exists; the consent is stored in the lead's row and shown on the customer's profile.
 */
@ServiceTest
class ConsentTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    Clock clock;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aTickedFormStoresTheNoticeVersionAndTheMomentAndTheProfileShowsThem() {
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        String code = channel.get("code").asText();
        int current = api.get("/api/privacy-notices/current", ADMIN).json().get("version").asInt();

        var landing = api.get("/q/" + code, null).body();
        assertThat(landing).contains("我们仅收集您的称呼和手机号码，用于顾问与您联系、向您发送您咨询的课程资料和活动信息")
                .contains("name=\"noticeVersion\" value=\"" + current + "\"")
                .contains("href=\"/q/privacy/" + current + "\"")
                .containsPattern("<input id=\"consent\" name=\"consent\" type=\"checkbox\" value=\"yes\" required[^>]*>")
                .doesNotContainPattern("<input id=\"consent\"[^>]*checked");

        // whole seconds: the MySQL driver runs with sendFractionalSeconds=false
        Instant before = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var thanks = api.postFormAsTyped("/q/" + code + "/lead", Map.of("scanId", Leads.scanIdOf(landing),
                "name", "王芳", "phone", Leads.newPhone(), "consent", "yes", "noticeVersion", String.valueOf(current)));
        Instant after = clock.instant();

        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("提交成功");
        var lead = db.queryForMap("select id, customer_id, consent_notice_version, consented_at from captured_lead"
                + " where channel_id = ?", channel.get("id").asLong());
        assertThat(lead.get("consent_notice_version")).isEqualTo(current);
        assertThat(lead.get("consented_at")).isNotNull();

        var consents = api.get("/api/customers/" + lead.get("customer_id"), ADMIN).json().get("consents");
        assertThat(consents).hasSize(1);
        assertThat(consents.get(0).get("leadId").asLong()).isEqualTo(((Number) lead.get("id")).longValue());
        assertThat(consents.get(0).get("source").asText()).isEqualTo("LANDING_FORM");
        assertThat(consents.get(0).get("noticeVersion").asInt()).isEqualTo(current);
        assertThat(Instant.parse(consents.get(0).get("consentedAt").asText())).isBetween(before, after);
    }

    @Test
    void anUntickedFormIsRefusedInChineseWithWhatWasTypedAndNothingStored() {
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        String form = "/q/" + channel.get("code").asText() + "/lead";
        String phone = Leads.newPhone();

        var unticked = api.postFormAsTyped(form, Map.of("name", "王芳", "phone", phone, "noticeVersion", "1"));
        assertThat(unticked.status()).isEqualTo(400);
        assertThat(unticked.contentType()).startsWith("text/html");
        assertThat(unticked.body()).contains("请阅读并勾选“我已阅读并同意”后再提交。")
                .contains("value=\"王芳\"").contains("value=\"" + phone + "\"")
                .containsPattern("<input id=\"consent\"[^>]*aria-invalid=\"true\"")
                .doesNotContainPattern("<input id=\"consent\"[^>]*checked");

        assertThat(api.postFormAsTyped(form, Map.of("name", "王芳", "phone", phone, "consent", "no",
                "noticeVersion", "1")).status()).as("only the box's own value is a tick").isEqualTo(400);
        var noVersion = api.postFormAsTyped(form, Map.of("name", "王芳", "phone", phone, "consent", "yes"));
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.body()).contains("个人信息处理规则已更新，请阅读后重新勾选同意。");

        var badName = api.postFormAsTyped(form, Map.of("name", " ", "phone", phone, "consent", "yes", "noticeVersion", "1"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).as("a tick survives another field's error")
                .containsPattern("<input id=\"consent\"[^>]*checked");

        assertThat(db.queryForObject("select count(*) from captured_lead where channel_id = ?", Integer.class,
                channel.get("id").asLong())).isZero();
    }

    @Test
    void theVersionTheLeadSawIsStoredEvenAfterAnEditAndAnUnknownOneIsRefused() {
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        String code = channel.get("code").asText();
        long channelId = channel.get("id").asLong();
        int seen = api.get("/api/privacy-notices/current", ADMIN).json().get("version").asInt();
        var landing = api.get("/q/" + code, null).body();
        assertThat(landing).contains("name=\"noticeVersion\" value=\"" + seen + "\"");

        var edited = api.post("/api/privacy-notices", ADMIN, Map.of("title", "个人信息处理规则",
                "text", "第二版：新增了保存期限的说明。"));
        assertThat(edited.status()).isEqualTo(201);
        int newer = edited.json().get("version").asInt();
        assertThat(newer).isEqualTo(seen + 1);

        var thanks = api.postFormAsTyped("/q/" + code + "/lead", Map.of("scanId", Leads.scanIdOf(landing),
                "name", "李娜", "phone", Leads.newPhone(), "consent", "yes", "noticeVersion", String.valueOf(seen)));
        assertThat(thanks.status()).isEqualTo(200);
        assertThat(db.queryForObject("select consent_notice_version from captured_lead where channel_id = ?",
                Integer.class, channelId)).as("what the lead read, not what is current now").isEqualTo(seen);
        assertThat(api.get("/q/" + code, null).body()).contains("name=\"noticeVersion\" value=\"" + newer + "\"");

        var unknown = api.postFormAsTyped("/q/" + code + "/lead", Map.of("name", "李娜", "phone", Leads.newPhone(),
                "consent", "yes", "noticeVersion", "999999"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("个人信息处理规则已更新，请阅读后重新勾选同意。")
                .contains("name=\"noticeVersion\" value=\"" + newer + "\"")
                .as("a tick for a notice never shown is not kept").doesNotContainPattern("<input id=\"consent\"[^>]*checked");
        assertThat(db.queryForObject("select count(*) from captured_lead where channel_id = ?", Integer.class, channelId))
                .isEqualTo(1);
    }

    @Test
    void integrationsMayPassTheConsentTheirFormTookAndOtherwiseNoneIsRecorded() {
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        String code = channel.get("code").asText();
        long channelId = channel.get("id").asLong();
        String integration = api.newUser("int", "INTEGRATION");
        assertThat(api.get("/api/privacy-notices/current", integration).status()).isEqualTo(200);

        Instant at = clock.instant().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        var consented = api.post("/api/leads", integration, Map.of("channelCode", code, "phone", Leads.newPhone(),
                "consent", Map.of("noticeVersion", 1, "at", at.toString())));
        assertThat(consented.status()).as(consented.body()).isEqualTo(201);
        var profile = api.get("/api/customers/" + consented.json().get("customerId").asText(), ADMIN).json();
        assertThat(profile.get("consents").get(0).get("source").asText()).isEqualTo("API");
        assertThat(profile.get("consents").get(0).get("noticeVersion").asInt()).isEqualTo(1);
        assertThat(Instant.parse(profile.get("consents").get(0).get("consentedAt").asText())).isEqualTo(at);

        var without = api.post("/api/leads", integration, Map.of("channelCode", code, "phone", Leads.newPhone()));
        assertThat(without.status()).as("existing callers keep working").isEqualTo(201);
        assertThat(api.get("/api/customers/" + without.json().get("customerId").asText(), ADMIN).json()
                .get("consents")).isEmpty();

        var unknown = api.post("/api/leads", integration, Map.of("channelCode", code, "phone", Leads.newPhone(),
                "consent", Map.of("noticeVersion", 999999)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("field").asText()).isEqualTo("consent.noticeVersion");
        var future = api.post("/api/leads", integration, Map.of("channelCode", code, "phone", Leads.newPhone(),
                "consent", Map.of("noticeVersion", 1, "at", clock.instant().plus(1, ChronoUnit.DAYS).toString())));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("field").asText()).isEqualTo("consent.at");
        assertThat(db.queryForObject("select count(*) from captured_lead where channel_id = ?", Integer.class, channelId))
                .isEqualTo(2);
    }
}
