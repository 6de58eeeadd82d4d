package io.nurtureflow.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rep's tasks as Camunda Tasklist shows them: logged in to the webapp as that rep, over HTTP. */
@ServiceTest
class TasklistTest extends RunningService {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Tasklist's own path to the engine's REST API */
    static final String TASKS = "/camunda/api/engine/engine/default/task";


    @Test
    void aRepSeesOwnTasksWithTheOutcomeFormInTasklistAndNeverAnotherRepsTasksOrLeads() throws Exception {
        String alice = api.newUser("rep", "REP");
        String bob = api.newUser("rep", "REP");
        String alicesLead = Scenario.leadOf(api, alice);
        String bobsLead = Scenario.leadOf(api, bob);
        Scenario.event(api, alicesLead, "LINK_CLICKED");
        List<String> alicesTasks = ids(api.get("/api/me/tasks", alice).json());
        List<String> bobsTasks = ids(api.get("/api/me/tasks", bob).json());
        assertThat(alicesTasks).hasSize(2);

        var tasklist = loggedIn(alice);
        var visible = tasklist.get(TASKS);
        assertThat(visible.statusCode()).isEqualTo(200);
        assertThat(ids(JSON.readTree(visible.body()))).containsExactlyInAnyOrderElementsOf(alicesTasks)
                .doesNotContainAnyElementsOf(bobsTasks);
        var form = tasklist.get(TASKS + "/" + alicesTasks.get(0) + "/rendered-form");
        assertThat(form.body()).contains("outcome").contains("CALL_BACK").contains("callBackAt");
        assertThat(tasklist.get(TASKS + "/" + bobsTasks.get(0)).statusCode())
                .isIn(403, 404);

        assertThat(api.get("/api/customers/" + bobsLead, alice).status()).isEqualTo(403);
        assertThat(api.post("/api/me/tasks/" + bobsTasks.get(0) + "/complete", alice, Map.of("outcome", "REACHED"))
                .status()).isEqualTo(403);
        assertThat(ids(api.get("/api/me/tasks", alice).json())).doesNotContainAnyElementsOf(bobsTasks);

        String firstContact = alicesTasks.stream().filter(id -> db.queryForObject(
                "select kind from follow_up_task where task_id = ?", String.class, id).equals("FIRST_CONTACT"))
                .findFirst().orElseThrow();
        var submitted = tasklist.post(TASKS + "/" + firstContact + "/submit-form",
                "{\"variables\":{\"outcome\":{\"value\":\"WRONG_NUMBER\",\"type\":\"String\"},"
                        + "\"note\":{\"value\":\"空号\",\"type\":\"String\"}}}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);
        assertThat(db.queryForMap("select outcome, note from follow_up_task where task_id = ?", firstContact))
                .containsEntry("outcome", "WRONG_NUMBER").containsEntry("note", "空号");
    }

    @Test
    void aHandedOverTaskLeavesTheDepartedRepsOpenTasklistAndReachesTheHeirs() throws Exception {
        String leaving = api.newUser("rep", "REP");
        String heir = api.newUser("rep", "REP");
        Scenario.leadOf(api, leaving);
        List<String> handedOver = ids(api.get("/api/me/tasks", leaving).json());
        assertThat(handedOver).isNotEmpty();
        // the browser the rep left logged in: the webapps keep a session's groups for minutes
        var leftOpen = loggedIn(leaving);
        assertThat(ids(JSON.readTree(leftOpen.get(TASKS).body()))).containsAll(handedOver);

        var deactivated = api.post("/api/reps/" + leaving + "/deactivate", Api.ADMIN, Map.of("successor", heir));
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);

        var visible = leftOpen.get(TASKS);
        assertThat(visible.statusCode()).as("still logged in: only the tasks are gone").isEqualTo(200);
        assertThat(ids(JSON.readTree(visible.body()))).doesNotContainAnyElementsOf(handedOver);
        assertThat(leftOpen.get(TASKS + "/" + handedOver.get(0)).statusCode()).isIn(403, 404);
        var completed = leftOpen.post(TASKS + "/" + handedOver.get(0) + "/submit-form",
                "{\"variables\":{\"outcome\":{\"value\":\"REACHED\",\"type\":\"String\"}}}");
        assertThat(completed.statusCode()).as(completed.body()).isIn(403, 404);
        assertThat(ids(JSON.readTree(loggedIn(heir).get(TASKS).body()))).containsAll(handedOver);
        assertThat(new Tasklist().logIn(leaving).statusCode()).as("no new Tasklist login").isEqualTo(403);
    }

    private Tasklist loggedIn(String user) throws Exception {
        var tasklist = new Tasklist();
        var login = tasklist.logIn(user);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return tasklist;
    }

    private static List<String> ids(JsonNode tasks) {
        var ids = new ArrayList<String>();
        tasks.forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    /** A browser session in Camunda's Tasklist webapp: its login, its session cookie, its CSRF token. */
    private final class Tasklist {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

        HttpResponse<String> logIn(String user) throws Exception {
            get("/camunda/app/tasklist/default/");
            return send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                            + "&password=" + URLEncoder.encode(Api.REP_PASSWORD, StandardCharsets.UTF_8))));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Accept", "*/*").GET());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
