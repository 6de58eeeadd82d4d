package io.nurtureflow.system;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identifiers are exact on every database: MariaDB's usual collation is case-insensitive and ignores trailing
 * spaces, H2's is not, and the same requests must mean the same thing on both.
 */
@ServiceTest
class ExactIdentifiersTest extends RunningService {

    /** Upper-case letters only: its lower-case form differs from it in case and nothing else. */
    private static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT)
                .replaceAll("[0-9]", "Q");
    }

    @Test
    void unionidsAndExternalUserIdsThatDifferOnlyInCaseAreTwoCustomers() {
        String channel = Scenario.channelOf(api, api.newUser("rep", "REP"));
        String unionid = "oZyXwV-Case1-" + tag();

        String first = lead(channel, Map.of("unionid", unionid));
        String second = lead(channel, Map.of("unionid", unionid.toLowerCase(Locale.ROOT)));
        String external = "wmCase-" + tag();
        String third = lead(channel, Map.of("externalUserId", external));
        String fourth = lead(channel, Map.of("externalUserId", external.toLowerCase(Locale.ROOT)));

        assertThat(List.of(first, second, third, fourth)).doesNotHaveDuplicates();
        assertThat(lead(channel, Map.of("unionid", unionid))).as("the very same unionid is the same customer").isEqualTo(first);
    }

    @Test
    void eventIdsThatDifferInCaseOrTrailingSpacesAreDifferentEvents() {
        String customer = Scenario.leadOf(api, api.newUser("rep", "REP"));
        String eventId = "Evt-CaseA-" + tag();

        var first = event(eventId, customer);
        var lowerCase = event(eventId.toLowerCase(Locale.ROOT), customer);
        var padded = event(eventId + "  ", customer);
        var repeated = event(eventId, customer);

        assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(lowerCase.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(padded.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(repeated.json().get("duplicates").asInt()).as("a true repeat is still a duplicate").isEqualTo(1);
        assertThat(db.queryForObject("select count(*) from behaviour_event where customer_id = ?", Integer.class, customer))
                .isEqualTo(3);
    }

    @Test
    void liveCodesAreExact() {
        String rep = api.newUser("rep", "REP");
        String code = "CHAN-A" + tag();
        var upper = api.post("/api/channels", ADMIN, Map.of("name", "大写", "code", code, "staff", List.of(rep)));
        var lower = api.post("/api/channels", ADMIN, Map.of("name", "小写", "code", code.toLowerCase(Locale.ROOT),
                "staff", List.of(rep)));

        assertThat(upper.status()).isEqualTo(201);
        assertThat(lower.status()).as(lower.body()).isEqualTo(201);
        assertThat(lower.json().get("id").asLong()).isNotEqualTo(upper.json().get("id").asLong());
        assertThat(api.get("/q/" + code, null).status()).isEqualTo(200);
        assertThat(api.get("/q/" + code + "%20%20", null).status()).isEqualTo(404);
        assertThat(api.get("/q/" + code.toLowerCase(Locale.ROOT) + "x", null).status()).isEqualTo(404);
    }

    @Test
    void aUsernameLogsInOnlyAsItIsSpelt() throws Exception {
        String rep = api.newUser("rep", "REP");

        assertThat(statusAs(rep, Api.REP_PASSWORD)).isEqualTo(200);
        assertThat(statusAs(rep.toUpperCase(Locale.ROOT), Api.REP_PASSWORD)).isEqualTo(401);
        assertThat(statusAs(rep + " ", Api.REP_PASSWORD)).isEqualTo(401);
        assertThat(statusAs("ADMIN", Api.ADMIN_PASSWORD)).isEqualTo(401);
    }

    @Test
    void onMySqlTheSchemaItselfComparesIdentifiersByteForByte() {
        if (!TestDatabase.MARIADB) {
            return;
        }
        ExactIdentifiers.COLUMNS.forEach((table, columns) -> columns.forEach(column ->
                assertThat(db.queryForObject("select collation_name from information_schema.columns"
                        + " where table_schema = database() and table_name = ? and column_name = ?", String.class,
                        table, column)).as(table + "." + column).isIn("utf8mb4_nopad_bin", "utf8mb4_0900_bin")));
    }

    private String lead(String channel, Map<String, String> identity) {
        var request = new java.util.HashMap<String, Object>(identity);
        request.put("channelCode", channel);
        request.put("name", Leads.newName());
        var created = api.post("/api/leads", ADMIN, request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("customerId").asText();
    }

    private Api.Response event(String eventId, String customer) {
        var response = api.post("/api/events", ADMIN, Map.of("eventId", eventId, "customerId", customer,
                "type", "CONTENT_VIEWED"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return response;
    }

    private int statusAs(String user, String password) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/me/tasks"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
