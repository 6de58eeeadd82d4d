package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WeCom client against a local stand-in speaking qyapi's documented JSON: gettoken answers
 * {errcode, errmsg, access_token, expires_in}; every API call carries ?access_token= and answers an errcode.
 */
class WeComClientTest {

    private MockWebServer wecom;
    private MovableClock clock;
    private WeComClient client;

    @BeforeEach
    void start() throws Exception {
        wecom = new MockWebServer();
        wecom.start();
        clock = new MovableClock();
        client = new WeComClient(new WeComSettings("ww-corp", "s3cret", null, null,
                wecom.url("").toString().replaceAll("/$", ""), Duration.ofSeconds(2), 3, null, null), new ObjectMapper(), clock);
    }

    @AfterEach
    void stop() throws Exception {
        wecom.shutdown();
    }

    @Test
    void theTokenIsFetchedOnceAndReusedUntilShortlyBeforeItExpires() throws Exception {
        wecom.enqueue(token("TOKEN-1", 7200));
        wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"c1\"}"));
        wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        assertThat(client.post("/cgi-bin/externalcontact/add_contact_way", Map.of("type", 2)).path("config_id").asText())
                .isEqualTo("c1");
        client.get("/cgi-bin/user/get", Map.of("userid", "li.lei"));

        var gettoken = wecom.takeRequest();
        assertThat(gettoken.getPath()).isEqualTo("/cgi-bin/gettoken?corpid=ww-corp&corpsecret=s3cret");
        var add = wecom.takeRequest();
        assertThat(add.getMethod()).isEqualTo("POST");
        assertThat(add.getPath()).isEqualTo("/cgi-bin/externalcontact/add_contact_way?access_token=TOKEN-1");
        assertThat(add.getBody().readUtf8()).isEqualTo("{\"type\":2}");
        assertThat(wecom.takeRequest().getPath()).isEqualTo("/cgi-bin/user/get?userid=li.lei&access_token=TOKEN-1");

        clock.advance(Duration.ofSeconds(7200 - 299));
        wecom.enqueue(token("TOKEN-2", 7200));
        wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        client.get("/cgi-bin/user/get", Map.of("userid", "li.lei"));
        assertThat(wecom.takeRequest().getPath()).startsWith("/cgi-bin/gettoken");
        assertThat(wecom.takeRequest().getPath()).endsWith("access_token=TOKEN-2");
        assertThat(wecom.getRequestCount()).isEqualTo(5);
    }

    @Test
    void anInvalidOrExpiredTokenIsRefreshedAndTheCallRepeated() throws Exception {
        for (int errcode : new int[]{40014, 42001}) {
            wecom.enqueue(token("OLD", 7200));
            wecom.enqueue(ok("{\"errcode\":" + errcode + ",\"errmsg\":\"invalid access_token\"}"));
            wecom.enqueue(token("NEW", 7200));
            wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\",\"n\":1}"));

            assertThat(fresh().post("/cgi-bin/externalcontact/update_contact_way", Map.of()).path("n").asInt()).isEqualTo(1);
            assertThat(wecom.takeRequest().getPath()).startsWith("/cgi-bin/gettoken");
            assertThat(wecom.takeRequest().getPath()).endsWith("access_token=OLD");
            assertThat(wecom.takeRequest().getPath()).startsWith("/cgi-bin/gettoken");
            assertThat(wecom.takeRequest().getPath()).endsWith("access_token=NEW");
        }
    }

    @Test
    void systemBusyIsRetriedAndThenSucceeds() throws Exception {
        wecom.enqueue(token("T", 7200));
        wecom.enqueue(ok("{\"errcode\":-1,\"errmsg\":\"system busy\"}"));
        wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        client.post("/cgi-bin/externalcontact/send_welcome_msg", Map.of("welcome_code", "w"));

        assertThat(wecom.getRequestCount()).isEqualTo(3);
    }

    @Test
    void transportFailuresAreRetried() throws Exception {
        wecom.enqueue(token("T", 7200));
        wecom.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
        wecom.enqueue(new MockResponse().setResponseCode(502));
        wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"c9\"}"));

        // a cut connection once came back as an empty "success": the client must not take that for an answer
        assertThat(client.post("/cgi-bin/externalcontact/add_contact_way", Map.of()).path("config_id").asText()).isEqualTo("c9");
        assertThat(wecom.getRequestCount()).isEqualTo(4);
    }

    @Test
    void afterTheLastAttemptTheFailureIsReported() {
        wecom.enqueue(token("T", 7200));
        for (int i = 0; i < 3; i++) {
            wecom.enqueue(ok("{\"errcode\":-1,\"errmsg\":\"system busy\"}"));
        }
        assertThatThrownBy(() -> client.post("/cgi-bin/externalcontact/add_contact_way", Map.of()))
                .isInstanceOf(WeComException.class).hasMessageContaining("system busy")
                .satisfies(e -> assertThat(((WeComException) e).errcode()).isEqualTo(-1));
        assertThat(wecom.getRequestCount()).isEqualTo(4);
    }

    @Test
    void otherErrcodesAreTheCallersAndNotRetried() {
        wecom.enqueue(token("T", 7200));
        wecom.enqueue(ok("{\"errcode\":41051,\"errmsg\":\"externaluser has started chatting\"}"));

        assertThatThrownBy(() -> client.post("/cgi-bin/externalcontact/send_welcome_msg", Map.of()))
                .isInstanceOf(WeComException.class)
                .satisfies(e -> assertThat(((WeComException) e).errcode()).isEqualTo(41051));
        assertThat(wecom.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aWrongSecretIsReportedWithWeComsErrcode() {
        wecom.enqueue(ok("{\"errcode\":40001,\"errmsg\":\"invalid credential\"}"));
        assertThatThrownBy(() -> client.get("/cgi-bin/user/get", Map.of()))
                .isInstanceOf(WeComException.class)
                .satisfies(e -> assertThat(((WeComException) e).errcode()).isEqualTo(40001));
    }

    @Test
    void contactWaysAndWelcomesSpeakWeComsShapes() throws Exception {
        var contactWays = new ContactWays(client);
        wecom.enqueue(token("T", 7200));
        wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"42a\",\"qr_code\":\"http://p.qpic.cn/x\"}"));
        wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\"}"));
        wecom.enqueue(ok("{\"errcode\":0,\"errmsg\":\"ok\"}"));

        assertThat(contactWays.add("poster-01", java.util.List.of("li.lei", "han.mei")))
                .isEqualTo(new ContactWays.Created("42a", "http://p.qpic.cn/x"));
        contactWays.update("42a", "poster-01", java.util.List.of("han.mei"));
        contactWays.sendWelcome("WELCOME", "你好", new ContactWays.WelcomeLink("课程", "https://e.x/c", "https://e.x/p.png"));

        wecom.takeRequest();
        var json = new ObjectMapper();
        var add = json.readTree(wecom.takeRequest().getBody().readUtf8());
        assertThat(add.get("type").asInt()).isEqualTo(2);
        assertThat(add.get("scene").asInt()).isEqualTo(2);
        assertThat(add.get("state").asText()).isEqualTo("poster-01");
        assertThat(add.get("user").toString()).isEqualTo("[\"li.lei\",\"han.mei\"]");
        var update = json.readTree(wecom.takeRequest().getBody().readUtf8());
        assertThat(update.get("config_id").asText()).isEqualTo("42a");
        assertThat(update.get("user").toString()).isEqualTo("[\"han.mei\"]");
        RecordedRequest welcomeRequest = wecom.takeRequest(1, TimeUnit.SECONDS);
        assertThat(welcomeRequest.getPath()).startsWith("/cgi-bin/externalcontact/send_welcome_msg?access_token=T");
        var welcome = json.readTree(welcomeRequest.getBody().readUtf8());
        assertThat(welcome.get("welcome_code").asText()).isEqualTo("WELCOME");
        assertThat(welcome.get("text").get("content").asText()).isEqualTo("你好");
        assertThat(welcome.get("attachments").get(0).get("msgtype").asText()).isEqualTo("link");
        assertThat(welcome.get("attachments").get(0).get("link").get("picurl").asText()).isEqualTo("https://e.x/p.png");
    }

    private WeComClient fresh() {
        return new WeComClient(new WeComSettings("ww-corp", "s3cret", null, null,
                wecom.url("").toString().replaceAll("/$", ""), Duration.ofSeconds(2), 3, null, null), new ObjectMapper(), clock);
    }

    private static MockResponse token(String token, int expiresIn) {
        return ok("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + token + "\",\"expires_in\":" + expiresIn + "}");
    }

    private static MockResponse ok(String json) {
        return new MockResponse().setHeader("Content-Type", "application/json; charset=UTF-8").setBody(json);
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-11-22T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
