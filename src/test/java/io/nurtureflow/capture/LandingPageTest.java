package io.nurtureflow.capture;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.Browser;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The landing page as a phone's browser shows it: real headless Chromium (Debian's chromium) loads it from the
 * running service, with hostile channel, welcome and rep names, and the rep's pictures; and a lead ticks the
 * consent box and sends the form.
 */
@ServiceTest
class LandingPageTest {

    private static final String WECOM_CONTACT = "https://work.weixin.qq.com/u/vc_test_contact";
    private static final String HOSTILE_NAME = "<img src=x onerror=\"document.title='pwned'\">春季招生";
    private static final String HOSTILE_WELCOME = "</p><script>document.title='pwned'</script>欢迎";

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate db;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aPhoneSeesTheRepTheirPicturesAndTheFormWithNothingInjected() {
        String rep = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/users", ADMIN, Map.of("username", rep, "displayName", "<b>李</b>老师",
                "password", Api.REP_PASSWORD, "role", "REP")).status()).isEqualTo(201);
        assertThat(api.putBytes("/api/staff/" + rep + "/avatar", ADMIN, "image/png", CodesTest.logo()).status()).isEqualTo(204);
        assertThat(api.putBytes("/api/staff/" + rep + "/contact-qr", ADMIN, "image/png", contactQr()).status()).isEqualTo(204);
        assertThat(api.putBytes("/api/staff/" + rep + "/avatar", rep, "image/png", CodesTest.logo()).status())
                .as("pictures are the admin's to upload").isEqualTo(403);
        var channel = ChannelFixtures.create(api, Map.of("name", HOSTILE_NAME, "staff", List.of(rep),
                "welcomeText", HOSTILE_WELCOME));
        String url = "http://localhost:" + port + "/q/" + channel.get("code").asText();

        var html = api.get("/q/" + channel.get("code").asText(), null).body();
        assertThat(html).contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\"")
                .contains("lang=\"zh-CN\"").doesNotContain("<script>").doesNotContain("<img src=x");

        if (!Decoders.available(Decoders.CHROMIUM, "chromium")) {
            return;
        }
        String dom = Decoders.dumpDom(url);
        assertThat(dom).contains("<title>&lt;img src=x onerror=\"document.title='pwned'\"&gt;春季招生</title>")
                .doesNotContain("<title>pwned</title>");
        assertThat(dom).contains("id=\"rep-name\">&lt;b&gt;李&lt;/b&gt;老师</strong>");
        assertThat(dom).contains("&lt;/p&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;欢迎");
        assertThat(dom).contains("id=\"rep-avatar\"").contains("id=\"lead-form\"")
                .contains("您的称呼").contains("手机号码");
        // an uploaded picture cannot tell whose add it was: the lead's own code comes after the form
        assertThat(dom).doesNotContain("id=\"contact-qr\"");
    }

    @Test
    void aPhoneCannotSendTheFormUntilTheConsentBoxIsTickedAndThenIsThanked() throws Exception {
        if (!Decoders.available(Decoders.CHROMIUM, "chromium")) {
            return;
        }
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        long channelId = channel.get("id").asLong();
        String phone = Leads.newPhone();
        // this test's own current notice: other tests (the fuzz test) post notices of their own
        String text = "一、我们收集您的称呼和手机号码。\n二、仅用于顾问与您联系。";
        assertThat(api.post("/api/privacy-notices", ADMIN, Map.of("title", "个人信息处理规则", "text", text)).status())
                .isEqualTo(201);
        String notice;
        try (var phoneBrowser = Browser.phone()) {
            phoneBrowser.open("http://localhost:" + port + "/q/" + channel.get("code").asText());
            assertThat(phoneBrowser.eval("document.getElementById('consent').checked").asBoolean()).isFalse();
            notice = phoneBrowser.eval("document.getElementById('notice-link').href").asText();
            phoneBrowser.eval("document.getElementById('name').value = '王芳';"
                    + "document.getElementById('phone').value = '" + phone + "';"
                    + "document.querySelector('#lead-form button').click(); true");
            assertThat(phoneBrowser.eval("document.getElementById('consent').validity.valueMissing").asBoolean())
                    .as("the browser holds the form back").isTrue();
            assertThat(phoneBrowser.eval("document.getElementById('thanks') === null").asBoolean()).isTrue();

            // a browser that ignores "required" still gets the page back, with the reason and what was typed
            phoneBrowser.evalAndLoad("document.getElementById('lead-form').noValidate = true;"
                    + "document.querySelector('#lead-form button').click(); true");
            assertThat(phoneBrowser.eval("performance.getEntriesByType('navigation')[0].responseStatus").asInt())
                    .isEqualTo(400);
            assertThat(phoneBrowser.eval("document.getElementById('form-error').textContent").asText())
                    .isEqualTo("请阅读并勾选“我已阅读并同意”后再提交。");
            assertThat(phoneBrowser.eval("document.getElementById('name').value").asText()).isEqualTo("王芳");
            assertThat(db.queryForObject("select count(*) from captured_lead where channel_id = ?", Integer.class,
                    channelId)).isZero();

            phoneBrowser.evalAndLoad("document.getElementById('consent').click();"
                    + "document.querySelector('#lead-form button').click(); true");
            assertThat(phoneBrowser.eval("document.getElementById('thanks').textContent").asText()).contains("提交成功");

            phoneBrowser.open(notice);
            assertThat(phoneBrowser.eval("document.getElementById('notice-text').textContent").asText()).isEqualTo(text);
        }
        assertThat(db.queryForObject("select consent_notice_version from captured_lead where channel_id = ?",
                Integer.class, channelId)).isEqualTo(version(notice));
    }

    @Test
    void everyScanIsLoggedWithTimeChannelHashedAddressAndUserAgent() throws Exception {
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/q/"
                + channel.get("code").asText() + "?ref=teacher-7")).header("User-Agent", "Mozilla/5.0 (iPhone) MicroMessenger/8.0").build();
        java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding());

        var scan = db.queryForMap("select * from scan where channel_id = ?", channel.get("id").asLong());
        assertThat(scan.get("ip_hash").toString()).matches("[0-9a-f]{64}").doesNotContain("127.0.0.1");
        assertThat(scan.get("user_agent")).isEqualTo("Mozilla/5.0 (iPhone) MicroMessenger/8.0");
        assertThat(scan.get("ref")).isEqualTo("teacher-7");
        assertThat(scan.get("scanned_at")).isNotNull();
        assertThat(scan.get("visitor").toString()).hasSize(36);
    }

    @Test
    void picturesMustBeImages() {
        String rep = api.newUser("rep", "REP");
        var notImage = api.putBytes("/api/staff/" + rep + "/contact-qr", ADMIN, "image/png", "<svg/>".getBytes());
        assertThat(notImage.status()).isEqualTo(400);
        assertThat(notImage.json().get("field").asText()).isEqualTo("contactQr");
        assertThat(api.putBytes("/api/staff/" + rep + "/avatar", ADMIN, "image/png", new byte[2 * 1024 * 1024]).json()
                .get("field").asText()).isEqualTo("avatar");
        assertThat(api.putBytes("/api/staff/nobody-" + UUID.randomUUID().toString().substring(0, 6) + "/avatar", ADMIN,
                "image/png", CodesTest.logo()).status()).isEqualTo(404);
        assertThat(api.get("/q/staff/" + rep + "/avatar", null).status()).isEqualTo(404);
    }

    private static int version(String noticeUrl) {
        return Integer.parseInt(noticeUrl.substring(noticeUrl.lastIndexOf('/') + 1));
    }

    private static byte[] contactQr() {
        try {
            var matrix = new QRCodeWriter().encode(WECOM_CONTACT, BarcodeFormat.QR_CODE, 300, 300);
            var out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withTheSimulatedChannelTheThanksPageShowsADrawnCodeAndThePlayedAddLinksTheLeadThroughTheCallback() {
        String rep = api.newUser("rep", "REP");
        String code = ChannelFixtures.create(api, Map.of("staff", List.of(rep))).get("code").asText();
        String phone = "136" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));

        var thanks = api.postForm("/q/" + code + "/lead", Map.of("name", "赵妈妈", "phone", phone));
        var shown = java.util.regex.Pattern.compile("/q/lead-codes/(lead\\.[A-Za-z0-9]+)\\.png").matcher(thanks.body());
        assertThat(shown.find()).isTrue();
        String state = shown.group(1);
        var picture = api.get("/q/lead-codes/" + state + ".png", null);
        assertThat(picture.contentType()).isEqualTo("image/png");
        Decoders.assertDecodes(picture.bytes(), "WECOM-CONTACT-WAY (SIMULATED) rep=" + rep + " state=" + state);

        int receipts = addReceipts();
        var added = api.post("/api/simulation/wecom/contact-added", ADMIN, Map.of("phone", phone));

        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("state").asText()).isEqualTo(state);
        String external = added.json().get("externalUserId").asText();
        String customer = db.queryForObject("select customer_id from captured_lead where phone = ? and source = 'LANDING_FORM'",
                String.class, "+86" + phone);
        assertThat(db.queryForObject("select customer_id from customer_identity where kind = 'EXTERNAL_USER_ID' and id_value = ?",
                String.class, external)).isEqualTo(customer);
        assertThat(addReceipts()).as("it came through /wecom/callback").isEqualTo(receipts + 1);
        assertThat(api.post("/api/simulation/wecom/contact-added", ADMIN, Map.of("phone", "13000000000")).status())
                .isEqualTo(404);
        assertThat(api.post("/api/simulation/wecom/contact-added", rep, Map.of("phone", phone)).status()).isEqualTo(403);
    }

    private int addReceipts() {
        return db.queryForObject("select count(*) from wecom_callback_receipt where change_type = 'add_external_contact'"
                + " and outcome = 'HANDLED'", Integer.class);
    }
}
