package io.nurtureflow.workspace;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Browser;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.WeComApi;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rep's workspace inside WeCom's chat sidebar, in real headless Chromium: WeCom's web sign-in, its JS-SDK and
 * its API are played by a local stand-in. The stand-in `wx` checks both signatures with WeCom's documented
 * algorithm (SHA-1 over jsapi_ticket, noncestr, timestamp and url) against the tickets the stand-in API issued,
 * and answers the current chat's external contact.
 */
@ServiceTest
class WorkspaceTest extends RunningService {

    static final String CORP_TICKET = "TICKET-CORP-" + UUID.randomUUID();
    static final String APP_TICKET = "TICKET-APP-" + UUID.randomUUID();
    static final int AGENT_ID = 1000002;
    static final String WECOM_UA = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0 Mobile Safari/537.36 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh";
    static final AtomicInteger PORT = new AtomicInteger();
    static final AtomicReference<String> CHAT_CONTACT = new AtomicReference<>("nobody");
    /** one-time sign-in codes the stand-in's authorize page hands out, and the member each stands for */
    static final Map<String, String> CODES = new ConcurrentHashMap<>();
    static final AtomicReference<String> SIGNING_IN = new AtomicReference<>();

    @RegisterExtension
    static final WeComApi WECOM = new WeComApi(call -> switch (call.path()) {
        case "/connect/oauth2/authorize" -> authorize(call.query());
        case "/jweixin.js" -> new MockResponse().setHeader("Content-Type", "application/javascript").setBody(standInWx());
        case "/cgi-bin/get_jsapi_ticket" -> WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"" + CORP_TICKET
                + "\",\"expires_in\":7200}");
        case "/cgi-bin/ticket/get" -> WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"ticket\":\"" + APP_TICKET
                + "\",\"expires_in\":7200}");
        case "/cgi-bin/auth/getuserinfo" -> CODES.containsKey(call.query().get("code"))
                ? WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"" + CODES.remove(call.query().get("code")) + "\"}")
                : WeComApi.json("{\"errcode\":40029,\"errmsg\":\"invalid code\"}");
        default -> WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
    });

    @DynamicPropertySource
    static void wecom(DynamicPropertyRegistry registry) {
        WECOM.configure(registry);
        registry.add("nurture.wecom.agent-id", () -> String.valueOf(AGENT_ID));
        registry.add("nurture.wecom.agent-secret", () -> "app-secret");
        registry.add("nurture.wecom.authorize-url", () -> WECOM.url("/connect/oauth2/authorize"));
        registry.add("nurture.workspace.jssdk-script", () -> WECOM.url("/jweixin.js"));
    }

    @BeforeEach
    void tellTheStandInOurPort() {
        PORT.set(port);
    }

    @Test
    void inTheChatSidebarARepSignsInThroughWeComSeesTheChatsCustomerSendsAScriptAndCompletesTheTask() {
        String rep = api.newUser("rep", "REP");
        String code = api.post("/api/channels", ADMIN, Map.of("name", "寒假班海报", "staff", List.of(rep))).json()
                .get("code").asText();
        String contact = "wm" + UUID.randomUUID().toString().replace("-", "");
        String customer = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "externalUserId", contact,
                "name", "陈妈妈")).json().get("customerId").asText();
        long script = api.post("/api/scripts", ADMIN, Map.of("title", "首次问候", "category", "首次联系",
                "body", "{{name}}您好，我是{{rep}}，孩子几年级啦？")).json().get("id").asLong();
        long content = api.post("/api/sop/contents", ADMIN, Map.of("name", "寒假班课表", "text", "{{name}}，寒假班课表已出",
                "attachments", List.of(Map.of("kind", "LINK", "title", "寒假班课表", "url", "https://example.edu/winter"))))
                .json().get("id").asLong();
        CHAT_CONTACT.set(contact);
        SIGNING_IN.set(rep);
        WECOM.forget();

        try (var browser = Browser.launch(WECOM_UA, 390, 844)) {
            browser.open("http://localhost:" + port + "/m");
            browser.waitUntil("document.querySelector('#customer-name')?.textContent === '陈妈妈'");

            assertThat(browser.text("location.hash")).isEqualTo("#customer/" + customer);
            assertThat(browser.text("document.querySelector('#wecom-status').textContent")).isEqualTo("企业微信已连接");
            assertThat(browser.eval("window.__wx.checks").toString())
                    .as("both signatures are WeCom's").isEqualTo("[\"config:true\",\"agentConfig:true\"]");
            assertThat(WECOM.calls("/cgi-bin/auth/getuserinfo")).extracting(call -> call.query().get("access_token"))
                    .as("signed in with the app's own token").containsExactly("TK-app-secret");
            assertThat(browser.eval("document.querySelectorAll('form.task-form').length").asInt())
                    .as("the first-contact task of this customer").isEqualTo(1);
            browser.saveScreenshot("workspace-customer");

            browser.eval("location.hash = '#scripts'");
            String filled = "陈妈妈您好，我是顾问" + rep.substring(rep.length() - 4) + "，孩子几年级啦？";
            browser.waitUntil("document.querySelector('[data-script=\"" + script + "\"] .script-body')?.textContent === '"
                    + filled + "'");
            browser.saveScreenshot("workspace-scripts");
            browser.eval("document.querySelector('[data-script=\"" + script + "\"] button.send').click()");
            browser.waitUntil("window.__wx.sent.length === 1");
            assertThat(browser.eval("window.__wx.sent[0]").toString())
                    .isEqualTo("{\"msgtype\":\"text\",\"enterChat\":true,\"text\":{\"content\":\"" + filled + "\"}}");

            browser.waitUntil("document.querySelector('[data-content=\"" + content + "\"] button.send') !== null");
            browser.eval("document.querySelector('[data-content=\"" + content + "\"] button.send').click()");
            browser.waitUntil("window.__wx.sent.length === 3");
            assertThat(browser.eval("window.__wx.sent[1].text.content").asText()).isEqualTo("陈妈妈，寒假班课表已出");
            var news = browser.eval("window.__wx.sent[2]");
            assertThat(news.get("msgtype").asText()).isEqualTo("news");
            assertThat(news.get("news").get("title").asText()).isEqualTo("寒假班课表");
            assertThat(news.get("news").get("link").asText()).isEqualTo("https://example.edu/winter");

            browser.eval("location.hash = '#customer/" + customer + "'");
            browser.waitUntil("document.querySelectorAll('form.task-form').length === 1");
            browser.eval("document.querySelector('form.task-form select').value = 'INTERESTED';"
                    + "document.querySelector('form.task-form textarea').value = '想了解寒假班';"
                    + "document.querySelector('form.task-form button').click()");
            browser.waitUntil("document.querySelectorAll('form.task-form').length === 0");
        }
        assertThat(api.get("/api/me/tasks", rep).json()).as("the task is done").isEmpty();
        assertThat(api.get("/api/customers/" + customer, ADMIN).body()).contains("想了解寒假班");
    }

    @Test
    void outsideWeComTheLoginPageAndOnlyMembersWithTheirOwnCodeGetIn() {
        var page = api.get("/m", null);
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/m/signin");
        var signIn = api.get("/m/signin", null);
        assertThat(signIn.status()).as("no WeCom client, no WeCom sign-in").isEqualTo(302);
        assertThat(signIn.location()).endsWith("/login");
        assertThat(api.get("/m/signin/wecom?code=stolen&state=guessed", null).status())
                .as("a code without the state this browser was given").isEqualTo(403);
        assertThat(api.get("/m", "admin").status()).isEqualTo(200);
    }

    @Test
    void aWeComMemberWhoIsNotOurUserIsRefusedWithAMessage() {
        SIGNING_IN.set("somebody-else");
        try (var browser = Browser.launch(WECOM_UA, 390, 844)) {
            browser.open("http://localhost:" + port + "/m");
            browser.waitUntil("document.querySelector('#refused') !== null");
            assertThat(browser.text("document.querySelector('#refused').textContent")).contains("还没有开通");
        }
    }

    @Test
    void scriptsAreWrittenByAdminsWithKnownVariablesOnlyAndReadByReps() {
        String rep = api.newUser("rep", "REP");
        var bad = api.post("/api/scripts", ADMIN, Map.of("title", "x", "category", "y", "body", "{{nickname}}你好"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("text");
        var empty = api.post("/api/scripts", ADMIN, Map.of("title", " ", "category", "y", "body", "你好"));
        assertThat(empty.json().get("field").asText()).isEqualTo("title");
        assertThat(api.post("/api/scripts", rep, Map.of("title", "a", "category", "b", "body", "c")).status()).isEqualTo(403);

        long id = api.post("/api/scripts", ADMIN, Map.of("title", "邀约", "category", "邀约", "body", "周六见")).json()
                .get("id").asLong();
        assertThat(api.get("/api/scripts?category=邀约", rep).json()).extracting(s -> s.get("id").asLong()).contains(id);
        assertThat(api.put("/api/scripts/" + id, ADMIN, Map.of("title", "邀约", "category", "邀约", "body", "周日见"))
                .json().get("body").asText()).isEqualTo("周日见");
        assertThat(api.delete("/api/scripts/" + id, ADMIN).status()).isEqualTo(204);
        assertThat(api.get("/api/scripts", rep).json()).extracting(s -> s.get("id").asLong()).doesNotContain(id);
        assertThat(api.get("/api/scripts", rep).json()).as("the shipped library").isNotEmpty();

        String other = api.newUser("rep", "REP");
        String code = api.post("/api/channels", ADMIN, Map.of("name", "别人的渠道", "staff", List.of(other))).json()
                .get("code").asText();
        String theirs = api.post("/api/leads", ADMIN, Map.of("channelCode", code, "externalUserId",
                "wm" + UUID.randomUUID().toString().replace("-", ""), "name", "别人的客户")).json().get("customerId").asText();
        assertThat(api.get("/api/scripts?customerId=" + theirs, rep).status()).as("another rep's customer").isEqualTo(403);
        assertThat(api.get("/api/scripts?customerId=" + theirs, other).json().get(0).get("text").asText())
                .doesNotContain("{{");
    }

    /** WeCom's authorize page: it knows the member in the WeCom client and sends them back with a one-time code. */
    private static MockResponse authorize(Map<String, String> query) {
        String code = "CODE-" + UUID.randomUUID();
        CODES.put(code, SIGNING_IN.get());
        // the redirect_uri names our public base URL; the stand-in sends the browser to the service under test
        var back = HttpUrl.get(query.get("redirect_uri")).newBuilder().scheme("http").host("localhost")
                .port(PORT.get()).addQueryParameter("code", code).addQueryParameter("state", query.get("state")).build();
        return new MockResponse().setResponseCode(302).setHeader("Location", back.toString());
    }

    /** A stand-in for WeCom's JS-SDK: it checks signatures as WeCom documents them and plays the sidebar's calls. */
    private static String standInWx() {
        return """
                (function () {
                  const tickets = {corp: '%s', app: '%s'}, agent = %d, contact = '%s';
                  async function sha1(text) {
                    const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
                    return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join('');
                  }
                  function signed(ticket, c) {
                    return sha1('jsapi_ticket=' + ticket + '&noncestr=' + c.nonceStr + '&timestamp=' + c.timestamp
                        + '&url=' + location.href.split('#')[0]);
                  }
                  const readyQueue = [], errorQueue = [];
                  let configured = null, agentReady = false;
                  window.__wx = {checks: [], sent: []};
                  window.wx = {
                    config(c) {
                      signed(tickets.corp, c).then(signature => {
                        configured = signature === c.signature && c.beta === true;
                        window.__wx.checks.push('config:' + configured);
                        (configured ? readyQueue : errorQueue).forEach(f => f({errMsg: 'config:fail'}));
                      });
                    },
                    ready(f) { configured === true ? f() : readyQueue.push(f); },
                    error(f) { configured === false ? f({errMsg: 'config:fail'}) : errorQueue.push(f); },
                    agentConfig(c) {
                      signed(tickets.app, c).then(signature => {
                        agentReady = signature === c.signature && Number(c.agentid) === agent;
                        window.__wx.checks.push('agentConfig:' + agentReady);
                        agentReady ? c.success({errMsg: 'agentConfig:ok'}) : c.fail({errMsg: 'agentConfig:fail'});
                      });
                    },
                    invoke(name, args, callback) {
                      if (!agentReady) return callback({err_msg: name + ':fail'});
                      if (name === 'getContext') return callback({err_msg: 'getContext:ok', entry: 'single_chat_tools'});
                      if (name === 'getCurExternalContact') return callback({err_msg: 'getCurExternalContact:ok', userId: contact});
                      if (name === 'sendChatMessage') { window.__wx.sent.push(args); return callback({err_msg: 'sendChatMessage:ok'}); }
                      callback({err_msg: name + ':fail'});
                    }
                  };
                })();
                """.formatted(CORP_TICKET, APP_TICKET, AGENT_ID, CHAT_CONTACT.get());
    }
}
