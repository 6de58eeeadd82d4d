package io.nurtureflow;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Cockpit, Tasklist and Admin log in against the same user store as the API, each within the user's role. */
@ServiceTest
class WebappLoginTest {

    @LocalServerPort
    int port;

    @Test
    void theAdminLogsIntoCockpitAndAdmin() throws Exception {
        assertThat(login("cockpit", Api.ADMIN, Api.ADMIN_PASSWORD)).isEqualTo(200);
        assertThat(login("admin", Api.ADMIN, Api.ADMIN_PASSWORD)).isEqualTo(200);
    }

    @Test
    void aUsernameLogsIntoTheWebappsOnlyAsItIsSpelt() throws Exception {
        // MySQL's utf8_bin, the engine's own collation there, ignored the trailing space: "admin " was admin
        assertThat(login("cockpit", Api.ADMIN + " ", Api.ADMIN_PASSWORD)).isEqualTo(401);
        assertThat(login("cockpit", "ADMIN", Api.ADMIN_PASSWORD)).isEqualTo(401);
        assertThat(login("cockpit", Api.ADMIN, Api.ADMIN_PASSWORD)).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        // a throwaway user: the engine then throttles that user's logins for a while, as it should
        String rep = new Api(port).newUser("rep", "REP");

        assertThat(login("tasklist", rep, "wrong-password")).isEqualTo(401);
    }

    @Test
    void aRepLogsIntoTasklistButNotCockpit() throws Exception {
        String rep = new Api(port).newUser("rep", "REP");

        assertThat(login("tasklist", rep, Api.REP_PASSWORD)).isEqualTo(200);
        assertThat(sessionCookie).as("no other site can ride on a session login").contains("SameSite=Strict")
                .contains("HttpOnly");
        assertThat(sessionCookie.split("SameSite=", -1)).as("exactly one SameSite: " + sessionCookie).hasSize(2);
        assertThat(login("cockpit", rep, Api.REP_PASSWORD)).isEqualTo(403);
    }

    @Test
    void anAdminCreatedThroughTheApiUsesCockpitAdminAndTasklist() throws Exception {
        String admin = new Api(port).newUser("admin", "ADMIN");

        assertThat(login("cockpit", admin, Api.REP_PASSWORD)).isEqualTo(200);
        assertThat(login("admin", admin, Api.REP_PASSWORD)).isEqualTo(200);
        assertThat(login("tasklist", admin, Api.REP_PASSWORD)).isEqualTo(200);
    }

    @Test
    void aRepCannotWeakenTheirPasswordOrRenameThemselvesThroughTheWebappsOwnApi() throws Exception {
        String rep = new Api(port).newUser("rep", "REP");
        assertThat(login("tasklist", rep, Api.REP_PASSWORD)).isEqualTo(200);
        String user = "http://localhost:" + port + "/camunda/api/engine/engine/default/user/" + rep;

        var weak = webapp(user + "/credentials", "{\"password\":\"x\",\"authenticatedUserPassword\":\""
                + Api.REP_PASSWORD + "\"}");
        assertThat(weak.statusCode()).as("the webapp's user API is not a way around the password rules")
                .isEqualTo(403);
        assertThat(login("tasklist", rep, Api.REP_PASSWORD)).isEqualTo(200);
        var rename = webapp(user + "/profile", "{\"id\":\"" + rep + "\",\"firstName\":\"客服主管\",\"lastName\":\"\","
                + "\"email\":\"\"}");
        assertThat(rename.statusCode()).as(rename.body()).isEqualTo(403);
        assertThat(login("tasklist", rep, Api.REP_PASSWORD)).as("the old password still works").isEqualTo(200);
    }

    /** A PUT from the logged-in browser: its session and the XSRF token the login handed out. */
    private HttpResponse<String> webapp(String url, String json) throws Exception {
        String token = browserCookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).reduce((first, last) -> last).orElseThrow().getValue();
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    java.net.CookieManager browserCookies;
    HttpClient browser;

    /** The session cookie the last login was handed, as the server wrote it. */
    String sessionCookie = "";

    /** As a browser does it: open the app for the session and XSRF cookie, then post the login with the token. */
    private int login(String app, String user, String password) throws Exception {
        var cookies = new java.net.CookieManager();
        browserCookies = cookies;
        browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        var opened = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/" + app
                + "/")).build(), HttpResponse.BodyHandlers.discarding());
        opened.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .forEach(c -> sessionCookie = c);
        String token = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        var form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return browser.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
