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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** A code's life: auto-tags, welcome, expiry, disable and enable, and the WeCom state limit. */
@ServiceTest
class CodeLifecycleTest {

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
    void aDisabledCodeShowsAGonePageAndTakesNoLeadUntilEnabledAgain() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.withStaff(api, List.of(rep));
        String code = channel.get("code").asText();
        String id = channel.get("id").asText();

        var disabled = api.post("/api/channels/" + id + "/disable", ADMIN, Map.of());
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        var gone = api.get("/q/" + code, null);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.contentType()).startsWith("text/html");
        assertThat(gone.body()).contains("二维码已失效");
        String phone = Leads.newPhone();
        assertThat(api.postForm("/q/" + code + "/lead", Map.of("name", "赵六", "phone", phone)).status()).isEqualTo(410);
        assertThat(api.post("/api/leads", ADMIN, Map.of("channelCode", code, "phone", phone)).status()).isEqualTo(410);
        assertThat(leadsWith(phone)).isZero();
        assertThat(scansOf(id)).as("a scan of a dead code is not logged").isZero();

        api.post("/api/channels/" + id + "/enable", ADMIN, Map.of());
        assertThat(api.get("/q/" + code, null).status()).isEqualTo(200);
        assertThat(api.postForm("/q/" + code + "/lead", Map.of("name", "赵六", "phone", phone)).status()).isEqualTo(200);
        assertThat(leadsWith(phone)).isEqualTo(1);
    }

    @Test
    void anExpiredCodeIsGone() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep),
                "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString()));
        String code = channel.get("code").asText();
        assertThat(api.get("/q/" + code, null).status()).isEqualTo(200);

        api.advanceClock("PT2H");

        assertThat(api.get("/q/" + code, null).status()).isEqualTo(410);
        String phone = Leads.newPhone();
        assertThat(api.postForm("/q/" + code + "/lead", Map.of("name", "孙七", "phone", phone)).status()).isEqualTo(410);
        assertThat(leadsWith(phone)).isZero();
    }

    @Test
    void anExpiryInThePastIsRejected() {
        var response = api.post("/api/channels", ADMIN, Map.of("name", "过期", "staff", List.of(api.newUser("rep", "REP")),
                "expiresAt", clock.instant().minus(Duration.ofDays(1)).toString()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("expiresAt");
    }

    @Test
    void anExpiryNoDatabaseColumnHoldsIsRejectedNamingItsField() {
        String rep = api.newUser("rep", "REP");
        String code = ChannelFixtures.newCode();
        var response = api.post("/api/channels", ADMIN, Map.of("name", "万年", "code", code, "staff", List.of(rep),
                "expiresAt", "+10000-01-01T00:00:00Z"));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("expiresAt");
        assertThat(db.queryForObject("select count(*) from channel where code = ?", Integer.class, code))
                .as("nothing half-written").isZero();
    }

    @Test
    void theCodeIsWeComsStateSoAtMost30Characters() {
        String rep = api.newUser("rep", "REP");
        var tooLong = api.post("/api/channels", ADMIN, Map.of("name", "x", "code", "a".repeat(31), "staff", List.of(rep)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).isEqualTo("application/problem+json");
        assertThat(tooLong.json().get("field").asText()).isEqualTo("code");
        String thirty = ChannelFixtures.newCode() + "x".repeat(17);
        assertThat(thirty).hasSize(30);
        assertThat(api.post("/api/channels", ADMIN, Map.of("name", "x", "code", thirty, "staff", List.of(rep))).status())
                .isEqualTo(201);
        assertThat(api.get("/q/" + "a".repeat(31), null).status()).isEqualTo(404);
    }

    @Test
    void aCodeCannotChangeOnceCreatedButItsPoolAndWelcomeCan() {
        String rep = api.newUser("rep", "REP");
        String other = api.newUser("rep", "REP");
        var channel = ChannelFixtures.withStaff(api, List.of(rep));
        String id = channel.get("id").asText();
        var renamed = api.put("/api/channels/" + id, ADMIN, Map.of("name", "x", "code", ChannelFixtures.newCode(),
                "staff", List.of(rep)));
        assertThat(renamed.json().get("field").asText()).isEqualTo("code");

        var updated = api.put("/api/channels/" + id, ADMIN, Map.of("name", "新名字", "staff", List.of(other),
                "tags", List.of("秋季"), "welcomeText", "新的欢迎语"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("staff").toString()).isEqualTo("[\"" + other + "\"]");
        var page = api.get("/q/" + channel.get("code").asText(), null).body();
        assertThat(page).contains("新名字").contains("新的欢迎语").contains("顾问" + other.substring(other.length() - 4));
    }

    @Test
    void leadsAreTaggedByTheirCode() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep), "tags", List.of("地推", "秋季班")));
        api.postForm("/q/" + channel.get("code").asText() + "/lead", Map.of("name", "周八", "phone", Leads.newPhone()));
        assertThat(api.get("/api/me/tasks", rep).json().get(0).get("lead").get("tags").toString()).contains("地推", "秋季班");
    }

    @Test
    void theLandingPageWelcomesByTimeSlotWithItsLink() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep), "welcomeText", "默认欢迎语",
                "welcomeSlots", List.of(Map.of("from", "00:00", "to", "00:00", "text", "全天时段欢迎语",
                        "link", Map.of("title", "试听课", "url", "https://example.edu/trial")))));
        var page = api.get("/q/" + channel.get("code").asText(), null).body();
        assertThat(page).contains("全天时段欢迎语").contains("https://example.edu/trial").contains("试听课")
                .doesNotContain("默认欢迎语");

        var badLink = api.post("/api/channels", ADMIN, Map.of("name", "x", "staff", List.of(rep),
                "welcomeLink", Map.of("title", "t", "url", "javascript:alert(1)")));
        assertThat(badLink.json().get("field").asText()).isEqualTo("welcomeLink.url");
        var badSlot = api.post("/api/channels", ADMIN, Map.of("name", "x", "staff", List.of(rep),
                "welcomeSlots", List.of(Map.of("from", "18:00", "to", "09:00", "text", "t"))));
        assertThat(badSlot.json().get("field").asText()).isEqualTo("welcomeSlots[0].to");
    }

    private int leadsWith(String phone) {
        return db.queryForObject("select count(*) from captured_lead where phone like ?", Integer.class, "%" + phone.substring(3));
    }

    private int scansOf(String channelId) {
        return db.queryForObject("select count(*) from scan where channel_id = ?", Integer.class, Long.valueOf(channelId));
    }
}
