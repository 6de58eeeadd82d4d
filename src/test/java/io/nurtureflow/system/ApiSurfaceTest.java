package io.nurtureflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** The API describes itself, answers every error alike, and a person finds the way in from "/". */
@ServiceTest
class ApiSurfaceTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theOpenApiDescriptionListsOurEndpointsAndOnlyAdminsReadIt() {
        var docs = api.get("/v3/api-docs", ADMIN);

        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        List<String> paths = new ArrayList<>();
        docs.json().get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/customers", "/api/customers/{id}", "/api/events", "/api/leads",
                "/api/channels", "/api/channels/{id}/qr.png", "/api/me/tasks", "/api/sop/plans", "/api/users",
                "/api/simulation/clock", "/wecom/callback");
        assertThat(paths).as("Camunda's engine-rest documents itself; pages and the error path are not API")
                .noneMatch(p -> p.startsWith("/engine-rest") || p.equals("/error") || p.equals("/login") || p.equals("/"));
        JsonNode search = docs.json().get("paths").get("/api/customers").get("get").get("parameters");
        assertThat(search.findValuesAsText("name")).contains("phone", "name", "tag", "stage", "owner", "page", "size");

        String rep = api.newUser("rep", "REP");
        assertThat(api.get("/v3/api-docs", rep).status()).isEqualTo(403);
        assertThat(api.get("/v3/api-docs.yaml", rep).status()).isEqualTo(403);
        assertThat(api.get("/v3/api-docs/swagger-config", rep).status()).isEqualTo(403);
        assertThat(api.get("/v3/api-docs.yaml", ADMIN).body()).contains("/api/customers");
        var anonymous = api.get("/v3/api-docs", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        var ui = api.get("/swagger-ui.html", ADMIN);
        assertThat(ui.status()).isEqualTo(302);
        var page = api.get(URI.create(ui.location()).getPath(), ADMIN);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(api.get("/swagger-ui.html", rep).status()).isEqualTo(403);
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerProblemJson() {
        var unknown = api.get("/api/no-such-thing", ADMIN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).contains("/api/no-such-thing");

        var wrongMethod = api.delete("/api/events", ADMIN);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.json().get("title").asText()).isEqualTo("Method Not Allowed");

        var putOnAPost = api.put("/api/leads", ADMIN, Map.of());
        assertThat(putOnAPost.status()).isEqualTo(405);
        assertThat(putOnAPost.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRefusedUrlIsAnsweredLikeEveryOtherErrorForClientsAndBrowsersAlike() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        // Tomcat's connector (an encoded NUL or slash) and Spring Security's firewall ("..", "//") refuse these
        for (String target : List.of("/api/customers/abc%00", "/api/customers/a%2Fb", "/api/%2e%2e/customers",
                "//api//customers")) {
            for (String accept : new String[] {null, "*/*", "application/json", browser}) {
                var refused = api.raw("GET " + target + " HTTP/1.1", ADMIN, accept);
                var unknown = api.raw("GET /api/no-such-thing HTTP/1.1", ADMIN, accept);

                assertThat(refused.status()).as(target + " " + accept).isEqualTo(400);
                assertThat(mediaType(refused)).as("as ErrorAnswers answers " + accept).isEqualTo(mediaType(unknown));
                if (browser.equals(accept)) {
                    assertThat(refused.body()).contains("请求无效", "返回首页");
                } else {
                    assertThat(refused.json().get("field").asText()).isEqualTo("path");
                    assertThat(refused.json().get("status").asInt()).isEqualTo(400);
                }
            }
        }
    }

    @Test
    void whatTomcatRefusesInTheHeadersOrProtocolIsA400NamingIt() {
        var badHeader = api.raw("GET /api/customers HTTP/1.1", ADMIN, null, "Not a header");
        var unknownCoding = api.raw("POST /api/leads HTTP/1.1", ADMIN, null, "Transfer-Encoding: rot13");
        var unknownVersion = api.raw("GET /api/customers HTTP/9.9", ADMIN, null);

        assertThat(List.of(badHeader, unknownCoding, unknownVersion)).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(badHeader.json().get("field").asText()).isEqualTo("headers");
        assertThat(unknownCoding.json().get("field").asText()).as("Tomcat's own answer would be 501").isEqualTo("headers");
        assertThat(unknownVersion.json().get("field").asText()).as("Tomcat's own answer would be 505").isEqualTo("protocol");
    }

    private static String mediaType(Api.Response answer) {
        return answer.contentType().split(";")[0];
    }

    @Test
    void aBrowserGetsAChinesePageForAnUnknownRoute() throws Exception {
        var browser = loggedIn(ADMIN, Api.ADMIN_PASSWORD);

        var page = browser.get("/no-such-page");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("页面不存在").contains("返回首页");
    }

    @Test
    void whatExistsAlreadyIsAConflictNamingTheField() {
        String rep = api.newUser("rep", "REP");
        var sameUser = api.post("/api/users", ADMIN, Map.of("username", rep, "displayName", "重名",
                "password", Api.REP_PASSWORD, "role", "REP"));
        assertConflict(sameUser, "username");

        String code = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/channels", ADMIN, Map.of("name", "海报", "code", code, "staff", List.of(rep)))
                .status()).isEqualTo(201);
        assertConflict(api.post("/api/channels", ADMIN, Map.of("name", "海报二", "code", code, "staff", List.of(rep))),
                "code");

        String tag = "重复标签-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.post("/api/tags", ADMIN, Map.of("name", tag)).status()).isBetween(200, 201);
        assertConflict(api.post("/api/tags", ADMIN, Map.of("name", tag)), "name");
    }

    @Test
    void slashSendsAStrangerToTheChineseLoginPage() throws Exception {
        var stranger = new Browser();

        var root = stranger.get("/");
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        var login = stranger.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("登录 NurtureFlow").contains("用户名").contains("密码").contains("_csrf");
    }

    @Test
    void aWrongPasswordShowsTheLoginPageAgainWithAnError() throws Exception {
        // a throwaway user: the engine then throttles that user's logins for a while, as it should
        String rep = api.newUser("rep", "REP");
        var browser = new Browser();
        var answer = browser.login(rep, "not-the-password");

        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(browser.get("/login?error").body()).contains("用户名或密码不正确");
    }

    @Test
    void anAdminLandsOnAnIndexOfWhatThereIsAndARepOnTheirOwn() throws Exception {
        var admin = loggedIn(ADMIN, Api.ADMIN_PASSWORD).get("/");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("/camunda/app/cockpit/", "/swagger-ui.html", "/v3/api-docs",
                "/camunda/app/tasklist/", "/api/customers", "退出登录");

        String rep = api.newUser("rep", "REP");
        var repIndex = loggedIn(rep, Api.REP_PASSWORD).get("/");
        assertThat(repIndex.statusCode()).isEqualTo(200);
        assertThat(repIndex.body()).contains("/camunda/app/tasklist/", "/m\"")
                .doesNotContain("/swagger-ui.html", "/camunda/app/cockpit/");
    }

    private Browser loggedIn(String user, String password) throws Exception {
        var browser = new Browser();
        var answer = browser.login(user, password);
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return browser;
    }

    private static void assertConflict(Api.Response answer, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
    }

    /** A browser with cookies, logging in through the form as a person would. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            var form = get("/login").body();
            var token = CSRF.matcher(form);
            assertThat(token.find()).as("the login form carries its CSRF token").isTrue();
            String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            return http.send(HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
