package io.nurtureflow.process;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Camunda's REST API answers a caller's mistakes as the rest of the API does: 4xx problem+json, never a 500. */
@ServiceTest
class EngineRestAnswersTest extends RunningService {

    @Test
    void aPasswordThePolicyRefusesIsA400NamingThePasswordAndAGoodOneIsTaken() {
        String id = "engine-" + UUID.randomUUID().toString().substring(0, 8);
        var weak = createUser(id, "x");
        assertProblem(weak, 400, "password");
        assertThat(api.get("/engine-rest/user/count?id=" + id, ADMIN).json().get("count").asInt()).isZero();

        assertThat(createUser(id, Api.REP_PASSWORD).status()).isEqualTo(204);
        assertProblem(api.put("/engine-rest/user/" + id + "/credentials", ADMIN, Map.of("password", "short",
                "authenticatedUserPassword", Api.ADMIN_PASSWORD)), 400, "password");
    }

    @Test
    void aDeploymentThatIsNotAMultipartUploadIsA400NamingTheBody() {
        assertProblem(api.raw("POST /engine-rest/deployment/create HTTP/1.1", ADMIN, "application/json",
                "Content-Length: 0"), 400, "body");
        assertThat(api.post("/engine-rest/deployment/create", ADMIN, Map.of("deployment-name", "x")).status())
                .as("JSON where a multipart upload belongs").isEqualTo(415);
    }

    @Test
    void aRefusalOfOursRaisedInsideAnEngineCallKeepsItsStatus() {
        var started = api.post("/engine-rest/process-definition/key/lead-lifecycle/start", ADMIN, Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(404);
        assertThat(started.contentType()).startsWith("application/problem+json");
    }

    private Api.Response createUser(String id, String password) {
        return api.post("/engine-rest/user/create", ADMIN, Map.of("profile", Map.of("id", id, "firstName", "测试",
                "lastName", "用户", "email", id + "@example.edu"), "credentials", Map.of("password", password)));
    }

    private static void assertProblem(Api.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
    }
}
