package io.nurtureflow.customer;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.HashMap;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Admins edit the privacy notice in versions; every version stays readable, on the API and on the lead's page. */
@ServiceTest
class PrivacyNoticeTest {

    private static final String HOSTILE = "<script>document.title='pwned'</script>第一条\n第二条";

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theShippedNoticeIsChineseAndNamesWhatPiplAsksFor() {
        var shipped = api.get("/api/privacy-notices/1", ADMIN);
        assertThat(shipped.status()).isEqualTo(200);
        assertThat(shipped.json().get("title").asText()).isEqualTo("个人信息处理规则");
        assertThat(shipped.json().get("text").asText()).contains("个人信息处理者", "称呼、手机号码", "处理目的",
                "保存期限", "撤回同意", "联系方式");
        var page = api.get("/q/privacy/1", null);
        assertThat(page.status()).as("public, like the landing page").isEqualTo(200);
        assertThat(page.body()).contains("lang=\"zh-CN\"").contains("第 <span id=\"notice-version\">1</span> 版");
    }

    @Test
    void everyEditIsANewVersionAndTheOldOnesStayReadable() {
        int before = api.get("/api/privacy-notices/current", ADMIN).json().get("version").asInt();
        String oldText = api.get("/api/privacy-notices/" + before, ADMIN).json().get("text").asText();

        var saved = api.post("/api/privacy-notices", ADMIN, Map.of("title", "  隐私政策  ", "text", HOSTILE));
        assertThat(saved.status()).isEqualTo(201);
        int version = saved.json().get("version").asInt();
        assertThat(version).isEqualTo(before + 1);
        assertThat(saved.json().get("title").asText()).isEqualTo("隐私政策");
        assertThat(saved.json().get("createdBy").asText()).isEqualTo(ADMIN);

        assertThat(api.get("/api/privacy-notices/current", ADMIN).json().get("version").asInt()).isEqualTo(version);
        assertThat(api.get("/api/privacy-notices/" + before, ADMIN).json().get("text").asText()).isEqualTo(oldText);

        var page = api.get("/q/privacy/current", null).body();
        assertThat(page).contains("<title>隐私政策</title>")
                .contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;第一条\n第二条")
                .doesNotContain("<script>");
        assertThat(api.get("/q/privacy/" + before, null).body()).contains("第 <span id=\"notice-version\">" + before);
        assertThat(api.get("/q/privacy/999999", null).status()).isEqualTo(404);
        assertThat(api.get("/q/privacy/abc", null).status()).isEqualTo(404);
        assertThat(api.get("/api/privacy-notices/999999", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void aBadNoticeIsRefusedNamingTheFieldAndNothingIsSaved() {
        int before = api.get("/api/privacy-notices/current", ADMIN).json().get("version").asInt();
        var cases = Map.of(
                "title", new HashMap<>(Map.of("text", "正文")),
                "text", new HashMap<>(Map.of("title", "个人信息处理规则", "text", "   ")));
        cases.forEach((field, body) -> {
            var answer = api.post("/api/privacy-notices", ADMIN, body);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("field").asText()).isEqualTo(field);
        });
        assertThat(api.post("/api/privacy-notices", ADMIN, Map.of("title", "长".repeat(PrivacyNotices.TITLE_LENGTH + 1),
                "text", "正文")).json().get("field").asText()).isEqualTo("title");
        assertThat(api.post("/api/privacy-notices", ADMIN, Map.of("title", "个人信息处理规则",
                "text", "长".repeat(PrivacyNotices.TEXT_LENGTH + 1))).json().get("field").asText()).isEqualTo("text");
        assertThat(api.get("/api/privacy-notices/current", ADMIN).json().get("version").asInt()).isEqualTo(before);
    }

    @Test
    void onlyAdminsEditIntegrationsReadRepsAndStrangersNeither() {
        var notice = Map.of("title", "个人信息处理规则", "text", "正文");
        assertThat(api.post("/api/privacy-notices", null, notice).status()).isEqualTo(401);
        assertThat(api.get("/api/privacy-notices/current", null).status()).isEqualTo(401);
        String rep = api.newUser("rep", "REP");
        assertThat(api.post("/api/privacy-notices", rep, notice).status()).isEqualTo(403);
        assertThat(api.get("/api/privacy-notices/current", rep).status()).isEqualTo(403);
        String integration = api.newUser("int", "INTEGRATION");
        assertThat(api.post("/api/privacy-notices", integration, notice).status()).isEqualTo(403);
        assertThat(api.get("/api/privacy-notices/1", integration).status()).isEqualTo(200);
    }
}
