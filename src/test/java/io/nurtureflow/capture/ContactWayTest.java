package io.nurtureflow.capture;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.CallbackEndpoint;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.WeComApi;
import io.nurtureflow.support.WeComApi.Call;
import io.nurtureflow.support.WeComStandIn;
import io.nurtureflow.wecom.CallbackEvent;
import io.nurtureflow.wecom.CallbackListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.nurtureflow.capture.ChannelFixtures.member;
import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WeCom path with credentials configured: WeCom's API is played by a local MockWebServer answering the
 * documented JSON, and the add callback is handed to our listener as the callback endpoint would.
 */
@ServiceTest
class ContactWayTest {

    private static final AtomicInteger CONFIG_IDS = new AtomicInteger();
    private static final AtomicReference<String> ADD_ANSWER = new AtomicReference<>();
    private static final AtomicReference<String> WELCOME_ANSWER = new AtomicReference<>("{\"errcode\":0,\"errmsg\":\"ok\"}");
    @RegisterExtension
    static final WeComApi WECOM = new WeComApi(call -> WeComApi.json(switch (call.path()) {
        case "/cgi-bin/externalcontact/add_contact_way" -> ADD_ANSWER.get() != null ? ADD_ANSWER.get() : "{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"cfg-"
                + CONFIG_IDS.incrementAndGet() + "\",\"qr_code\":\"https://wework.qpic.cn/x\"}";
        case "/cgi-bin/externalcontact/send_welcome_msg" -> WELCOME_ANSWER.get();
        default -> "{\"errcode\":0,\"errmsg\":\"ok\"}";
    }));

    @DynamicPropertySource
    static void wecom(DynamicPropertyRegistry registry) {
        WECOM.configure(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    List<CallbackListener> listeners;
    @Autowired
    JdbcTemplate db;
    @Autowired
    Clock clock;
    @Autowired
    ContactWaySync sync;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
        WECOM.forget();
        WELCOME_ANSWER.set("{\"errcode\":0,\"errmsg\":\"ok\"}");
        ADD_ANSWER.set(null);
    }

    @Test
    void creatingAChannelCreatesAContactWayWithItsState() {
        String a = api.newUser("rep", "REP");
        String b = api.newUser("rep", "REP");
        var channel = ChannelFixtures.withStaff(api, List.of(a, b));

        var add = only("/cgi-bin/externalcontact/add_contact_way");
        assertThat(add.body().get("type").asInt()).isEqualTo(2);
        assertThat(add.body().get("scene").asInt()).isEqualTo(2);
        assertThat(add.body().get("state").asText()).isEqualTo(channel.get("code").asText());
        assertThat(add.body().get("user").toString()).isEqualTo("[\"" + a + "\",\"" + b + "\"]");
        assertThat(channel.get("wecomConfigId").asText()).startsWith("cfg-");
        assertThat(db.queryForObject("select wecom_config_id from channel where id = ?", String.class,
                channel.get("id").asLong())).isEqualTo(channel.get("wecomConfigId").asText());
    }

    @Test
    void aChannelIsSavedWhenWeComFailsAndItsContactWayCreatedByTheNextSync() {
        ADD_ANSWER.set("{\"errcode\":41054,\"errmsg\":\"user not activated\"}");
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        assertThat(channel.get("wecomConfigId").isNull()).isTrue();

        ADD_ANSWER.set(null);
        sync.syncAll();
        assertThat(api.get("/api/channels/" + channel.get("id").asText(), ADMIN).json().get("wecomConfigId").asText())
                .startsWith("cfg-");
    }

    @Test
    void rotationCapsAndOnlineChangesAreAppliedWithUpdateContactWay() {
        String a = api.newUser("rep", "REP");
        String b = api.newUser("rep", "REP");
        String backup = api.newUser("rep", "REP");
        var channel = ChannelFixtures.withStaff(api, List.of(member(a, Map.of("dailyCap", 1)), b,
                member(backup, Map.of("backup", true))));
        String code = channel.get("code").asText();
        assertThat(only("/cgi-bin/externalcontact/add_contact_way").body().get("user").toString())
                .isEqualTo("[\"" + a + "\",\"" + b + "\"]");

        WECOM.forget();
        add(code, a, "wm-ext-" + UUID.randomUUID(), null);
        var capped = only("/cgi-bin/externalcontact/update_contact_way");
        assertThat(capped.body().get("config_id").asText()).isEqualTo(channel.get("wecomConfigId").asText());
        assertThat(capped.body().get("user").toString()).as("a at the cap leaves the rotation").isEqualTo("[\"" + b + "\"]");

        WECOM.forget();
        api.put("/api/staff/" + b + "/online", ADMIN, Map.of("online", false));
        api.put("/api/channels/" + channel.get("id").asText(), ADMIN, Map.of("name", "改名了", "staff",
                List.of(member(a, Map.of("dailyCap", 1)), b, member(backup, Map.of("backup", true)))));
        assertThat(only("/cgi-bin/externalcontact/update_contact_way").body().get("user").toString())
                .as("everyone regular capped or offline: the backup").isEqualTo("[\"" + backup + "\"]");

        WECOM.forget();
        api.put("/api/channels/" + channel.get("id").asText(), ADMIN, Map.of("name", "又改名", "staff",
                List.of(member(a, Map.of("dailyCap", 1)), b, member(backup, Map.of("backup", true)))));
        assertThat(WECOM.calls("/cgi-bin/externalcontact/update_contact_way")).as("nothing changed, nothing sent").isEmpty();
    }

    @Test
    void anAddThroughTheContactWayBecomesALeadAndIsWelcomedAtOnce() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep), "tags", List.of("企微活码"),
                "welcomeText", "你好，我是你的专属顾问～",
                "welcomeLink", Map.of("title", "新生资料包", "url", "https://example.edu/pack", "imageUrl", "https://example.edu/pack.png")));
        String external = "wm" + UUID.randomUUID().toString().replace("-", "");
        WECOM.forget();

        add(channel.get("code").asText(), rep, external, "WELCOME-CODE-1");

        var welcome = only("/cgi-bin/externalcontact/send_welcome_msg");
        assertThat(welcome.body().get("welcome_code").asText()).isEqualTo("WELCOME-CODE-1");
        assertThat(welcome.body().get("text").get("content").asText()).isEqualTo("你好，我是你的专属顾问～");
        var link = welcome.body().get("attachments").get(0).get("link");
        assertThat(link.get("title").asText()).isEqualTo("新生资料包");
        assertThat(link.get("url").asText()).isEqualTo("https://example.edu/pack");
        assertThat(link.get("picurl").asText()).isEqualTo("https://example.edu/pack.png");

        var lead = db.queryForMap("select source, assigned_rep, customer_id, outcome from captured_lead where external_user_id = ?", external);
        assertThat(lead.get("source")).isEqualTo("WECOM_CONTACT_WAY");
        assertThat(lead.get("assigned_rep")).isEqualTo(rep);
        assertThat(lead.get("outcome")).isEqualTo("NEW");
        var task = api.get("/api/me/tasks", rep).json();
        assertThat(task).hasSize(1);
        assertThat(task.get(0).get("lead").get("tags").toString()).contains("企微活码");
    }

    @Test
    void anAddDeliveredToTheCallbackEndpointIsALeadWelcomedBeforeTheAnswerAndWeComsRetryChangesNothing() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep), "welcomeText", "欢迎加入～"));
        String external = "wm" + UUID.randomUUID().toString().replace("-", "");
        long at = 1_600_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
        String delivery = WeComStandIn.contactAdded(rep, external, channel.get("code").asText(), "WELCOME-" + at, at);
        var callback = new CallbackEndpoint(port);
        WECOM.forget();

        var answered = callback.deliver(delivery);

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).isEqualTo("success");
        assertThat(only("/cgi-bin/externalcontact/send_welcome_msg").body().get("welcome_code").asText())
                .as("sent on the callback's own thread, before WeCom got its answer").isEqualTo("WELCOME-" + at);
        assertThat(db.queryForObject("select assigned_rep from captured_lead where external_user_id = ?", String.class,
                external)).isEqualTo(rep);

        assertThat(callback.deliver(delivery).statusCode()).as("WeCom's retry is answered").isEqualTo(200);
        assertThat(db.queryForObject("select count(*) from captured_lead where external_user_id = ?", Integer.class,
                external)).isEqualTo(1);
        assertThat(WECOM.calls("/cgi-bin/externalcontact/send_welcome_msg")).as("welcomed once").hasSize(1);
    }

    @Test
    void theWelcomeFollowsTheTimeSlot() {
        String rep = api.newUser("rep", "REP");
        var now = java.time.LocalTime.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"))
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        // half an hour either side of now, so the add a moment later is still inside, whatever the hour
        var from = now.isBefore(java.time.LocalTime.of(0, 30)) ? java.time.LocalTime.MIDNIGHT : now.minusMinutes(30);
        var to = now.isAfter(java.time.LocalTime.of(23, 29)) ? java.time.LocalTime.MIDNIGHT : now.plusMinutes(30);
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep), "welcomeText", "白天好",
                "welcomeSlots", List.of(Map.of("from", from.toString(), "to", to.toString(), "text", "这个时段的欢迎语"))));
        WECOM.forget();
        add(channel.get("code").asText(), rep, "wm" + UUID.randomUUID().toString().replace("-", ""), "WELCOME-CODE-2");
        assertThat(only("/cgi-bin/externalcontact/send_welcome_msg").body().get("text").get("content").asText())
                .isEqualTo("这个时段的欢迎语");
    }

    @Test
    void aFailedWelcomeDoesNotLoseTheLead() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep), "welcomeText", "你好"));
        WELCOME_ANSWER.set("{\"errcode\":41051,\"errmsg\":\"customer has started chatting with staff\"}");
        String external = "wm" + UUID.randomUUID().toString().replace("-", "");

        add(channel.get("code").asText(), rep, external, "WELCOME-CODE-3");

        assertThat(db.queryForObject("select count(*) from captured_lead where external_user_id = ?", Integer.class, external))
                .isEqualTo(1);
    }

    @Test
    void addsThroughDisabledCodesOrOtherEventsCreateNoLead() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep), "welcomeText", "你好"));
        api.post("/api/channels/" + channel.get("id").asText() + "/disable", ADMIN, Map.of());
        String external = "wm" + UUID.randomUUID().toString().replace("-", "");
        WECOM.forget();

        add(channel.get("code").asText(), rep, external, "WELCOME-CODE-4");
        handAll(new CallbackEvent("ww", "sys", Instant.now(), "event", "change_external_contact", "del_external_contact",
                rep, external, channel.get("code").asText(), null, Map.of()));
        add("no-such-code", rep, external, "WELCOME-CODE-5");

        assertThat(db.queryForObject("select count(*) from captured_lead where external_user_id = ?", Integer.class, external))
                .isZero();
        assertThat(WECOM.calls("/cgi-bin/externalcontact/send_welcome_msg")).isEmpty();
    }

    private void add(String state, String rep, String externalUserId, String welcomeCode) {
        handAll(new CallbackEvent("ww-test-corp", "sys", clock.instant(), "event", "change_external_contact",
                "add_external_contact", rep, externalUserId, state, welcomeCode, Map.of()));
    }

    /** What the callback endpoint does with a checked, decrypted, deduplicated event. */
    private void handAll(CallbackEvent event) {
        listeners.forEach(listener -> listener.on(event));
    }

    private static Call only(String path) {
        var calls = WECOM.calls(path);
        assertThat(calls).as("calls to " + path).hasSize(1);
        return calls.get(0);
    }
}
