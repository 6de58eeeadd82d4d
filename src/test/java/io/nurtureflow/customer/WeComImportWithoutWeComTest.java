package io.nurtureflow.customer;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Without WeCom credentials there are no WeCom contacts to import: a clear 409, not a server error. */
@ServiceTest
class WeComImportWithoutWeComTest {

    @LocalServerPort
    int port;

    @Test
    void anImportWithoutWeComIsAConflictNamingWeCom() {
        var api = new Api(port);
        var answer = api.post("/api/wecom/imports", ADMIN, Map.of("reps", List.of("li.lei")));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo("wecom");
        assertThat(api.get("/api/wecom/imports/999999", ADMIN).status()).isEqualTo(404);
        String rep = api.newUser("rep", "REP");
        assertThat(api.post("/api/wecom/imports", rep, Map.of()).status()).as("admins only").isEqualTo(403);
    }
}
