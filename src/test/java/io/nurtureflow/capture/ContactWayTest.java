package io.nurtureflow.capture;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.CallbackEndpoint;
import io.nurtureflow.support.SeededClock;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.WeComApi;
import io.nurtureflow.support.WeComApi.Call;
import io.nurtureflow.support.WeComStandIn;
import io.nurtureflow.wecom.CallbackEvent;
import io.nurtureflow.wecom.CallbackListener;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

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
    /** WeCom's profile of each external contact, as externalcontact/get answers it */
    private static final Map<String, String> PROFILES = new ConcurrentHashMap<>();
    private static final byte[] WECOM_PICTURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    @RegisterExtension
    static final WeComApi WECOM = new WeComApi(call -> call.path().startsWith("/qr/")
            ? new MockResponse().setHeader("Content-Type", "image/png").setBody(new Buffer().write(WECOM_PICTURE))
            : WeComApi.json(switch (call.path()) {
        case "/cgi-bin/externalcontact/add_contact_way" -> ADD_ANSWER.get() != null ? ADD_ANSWER.get() : addAnswer();
        case "/cgi-bin/externalcontact/send_welcome_msg" -> WELCOME_ANSWER.get();
        case "/cgi-bin/externalcontact/get" -> PROFILES.getOrDefault(call.query().get("external_userid"),
                "{\"errcode\":84061,\"errmsg\":\"not external contact\"}");
        default -> "{\"errcode\":0,\"errmsg\":\"ok\"}";
    }));

    private static String addAnswer() {
        int id = CONFIG_IDS.incrementAndGet();
        return "{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"cfg-" + id + "\",\"qr_code\":\""
                + WECOM.url("/qr/cfg-" + id + ".png") + "\"}";
    }

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
    @Autowired
    LeadCodes leadCodes;
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
        handAll(new CallbackEvent("ww", "sys", clock.instant(), "event", "change_external_contact", "del_external_contact",
                rep, external, channel.get("code").asText(), null, Map.of()));
        add("no-such-code", rep, external, "WELCOME-CODE-5");

        assertThat(db.queryForObject("select count(*) from captured_lead where external_user_id = ?", Integer.class, external))
                .isZero();
        assertThat(WECOM.calls("/cgi-bin/externalcontact/send_welcome_msg")).isEmpty();
    }

    @Test
    void aLeadWhoFillsInTheFormGetsTheirRepsOwnCodeAndTheirAddJoinsTheirCustomerWithWeComsProfile() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep), "welcomeText", "王妈妈您好～"));
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        WECOM.forget();

        var thanks = api.postForm("/q/" + channel.get("code").asText() + "/lead", Map.of("name", "王妈妈", "phone", phone));

        assertThat(thanks.status()).isEqualTo(200);
        var shown = Pattern.compile("/q/lead-codes/(lead\\.[A-Za-z0-9]+)\\.png").matcher(thanks.body());
        assertThat(shown.find()).as("the thanks page shows the lead's own code").isTrue();
        String state = shown.group(1);
        var made = only("/cgi-bin/externalcontact/add_contact_way").body();
        assertThat(made.get("type").asInt()).as("one user's contact way").isEqualTo(1);
        assertThat(made.get("scene").asInt()).isEqualTo(2);
        assertThat(made.get("user").toString()).isEqualTo("[\"" + rep + "\"]");
        assertThat(made.get("state").asText()).isEqualTo(state);
        var picture = api.get("/q/lead-codes/" + state + ".png", null);
        assertThat(picture.status()).as("the phone is sent to WeCom's picture").isEqualTo(302);
        assertThat(picture.location()).startsWith(WECOM.url("/qr/cfg-"));

        String external = "wm" + UUID.randomUUID().toString().replace("-", "");
        String unionid = "ou" + UUID.randomUUID().toString().replace("-", "");
        PROFILES.put(external, "{\"errcode\":0,\"errmsg\":\"ok\",\"external_contact\":{\"external_userid\":\"" + external
                + "\",\"name\":\"Amy\",\"type\":1,\"unionid\":\"" + unionid + "\"},\"follow_user\":[{\"userid\":\""
                + rep + "\",\"remark\":\"\",\"createtime\":1700000000,\"remark_mobiles\":[],\"add_way\":1,\"state\":\""
                + state + "\"}]}");
        long at = clock.instant().getEpochSecond();
        var answered = new CallbackEndpoint(port).deliver(WeComStandIn.contactAdded(rep, external, state, "WELCOME-L" + at, at));

        assertThat(answered.body()).isEqualTo("success");
        assertThat(only("/cgi-bin/externalcontact/send_welcome_msg").body().get("welcome_code").asText())
                .isEqualTo("WELCOME-L" + at);
        assertThat(only("/cgi-bin/externalcontact/get").query().get("external_userid")).isEqualTo(external);
        String customer = db.queryForObject("select customer_id from captured_lead where phone = ? and source = 'LANDING_FORM'",
                String.class, "+86" + phone);
        assertThat(identityHolder("EXTERNAL_USER_ID", external)).as("the contact is the form lead's customer").isEqualTo(customer);
        assertThat(identityHolder("UNIONID", unionid)).as("WeCom's profile joined by matching").isEqualTo(customer);
        assertThat(db.queryForObject("select count(*) from customer where id in (select customer_id from captured_lead where external_user_id = ?)",
                Integer.class, external)).as("no second customer").isEqualTo(1);
        assertThat(db.queryForObject("select external_user_id from lead_contact_way where state = ?", String.class, state))
                .isEqualTo(external);
        var profile = api.get("/api/customers/" + customer, ADMIN).json();
        assertThat(profile.toString()).contains("WECOM_CONTACT");
    }

    @Test
    void whenWeComRefusesTheLeadsCodeTheThanksPageShowsTheRepsUploadedCodeAndTheLeadIsTaken() {
        String rep = api.newUser("rep", "REP");
        assertThat(api.putBytes("/api/staff/" + rep + "/contact-qr", ADMIN, "image/png", CodesTest.logo()).status())
                .isEqualTo(204);
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep)));
        String phone = "135" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        ADD_ANSWER.set("{\"errcode\":41054,\"errmsg\":\"user not activated\"}");

        var thanks = api.postForm("/q/" + channel.get("code").asText() + "/lead", Map.of("name", "周爸爸", "phone", phone));

        assertThat(thanks.status()).isEqualTo(200);
        assertThat(thanks.body()).contains("id=\"contact-qr\"").doesNotContain("/q/lead-codes/");
        assertThat(db.queryForObject("select count(*) from captured_lead where phone = ?", Integer.class, "+86" + phone))
                .isEqualTo(1);
    }

    @Test
    void anAddWhoseWeComProfileCarriesAKnownUnionidJoinsThatCustomer() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep)));
        String unionid = "ou" + UUID.randomUUID().toString().replace("-", "");
        String known = api.post("/api/leads", ADMIN, Map.of("channelCode", channel.get("code").asText(), "unionid", unionid,
                "name", "老客户")).json().get("customerId").asText();
        String external = "wm" + UUID.randomUUID().toString().replace("-", "");
        PROFILES.put(external, "{\"errcode\":0,\"errmsg\":\"ok\",\"external_contact\":{\"external_userid\":\"" + external
                + "\",\"name\":\"老客户\",\"type\":1,\"unionid\":\"" + unionid + "\"},\"follow_user\":[]}");

        add(channel.get("code").asText(), rep, external, "WELCOME-U");

        assertThat(identityHolder("EXTERNAL_USER_ID", external)).isEqualTo(known);
        assertThat(db.queryForObject("select customer_id from captured_lead where external_user_id = ?", String.class, external))
                .isEqualTo(known);
    }

    @Test
    void theChannelsOwnWeComCodeIsDownloadedAsWeComDrewItForAdminsOnly() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep)));
        String id = channel.get("id").asText();

        var download = api.get("/api/channels/" + id + "/wecom-code", ADMIN);

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("image/png");
        assertThat(download.bytes()).isEqualTo(WECOM_PICTURE);
        assertThat(api.get("/api/channels/" + id + "/wecom-code", rep).status()).isEqualTo(403);
    }

    @Test
    void anExpiredLeadCodeIsDeletedFromWeComAndGone() {
        String rep = api.newUser("rep", "REP");
        var channel = ChannelFixtures.create(api, Map.of("staff", List.of(rep)));
        String phone = "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        var thanks = api.postForm("/q/" + channel.get("code").asText() + "/lead", Map.of("name", "李爸爸", "phone", phone));
        var shown = Pattern.compile("/q/lead-codes/(lead\\.[A-Za-z0-9]+)\\.png").matcher(thanks.body());
        assertThat(shown.find()).isTrue();
        String configId = db.queryForObject("select wecom_config_id from lead_contact_way where state = ?", String.class,
                shown.group(1));
        WECOM.forget();

        SeededClock.moveTo(clock.instant().plus(Duration.ofDays(8)));
        leadCodes.retireExpired();

        assertThat(WECOM.calls("/cgi-bin/externalcontact/del_contact_way")).extracting(call -> call.body().get("config_id").asText())
                .contains(configId);
        assertThat(api.get("/q/lead-codes/" + shown.group(1) + ".png", null).status()).isEqualTo(410);
    }

    private String identityHolder(String kind, String value) {
        return db.queryForObject("select customer_id from customer_identity where kind = ? and id_value = ?", String.class,
                kind, value);
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
