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
    void aCustomerIdDifferingInCaseOrTrailingSpacesFindsNoOne() {
        String rep = api.newUser("rep", "REP");
        String customer = Scenario.leadOf(api, rep);
        String lowerCase = customer.toLowerCase(Locale.ROOT);

        assertThat(api.get("/api/customers/" + customer, ADMIN).status()).isEqualTo(200);
        assertThat(api.get("/api/customers/" + lowerCase, ADMIN).status()).isEqualTo(404);
        assertThat(api.get("/api/customers/" + customer + "%20%20", ADMIN).status()).isEqualTo(404);
        assertThat(api.post("/api/customers/" + lowerCase + "/tags", ADMIN, Map.of("tag", "大小写")).status())
                .isEqualTo(404);
        api.post("/api/events", ADMIN, Map.of("eventId", "evt-" + tag(), "customerId", lowerCase, "type", "CONTENT_VIEWED"));
        api.post("/api/events", ADMIN, Map.of("eventId", "evt-" + tag(), "customerId", customer + " ", "type", "CONTENT_VIEWED"));

        assertThat(db.queryForObject("select count(*) from behaviour_event where customer_id = ?", Integer.class, customer))
                .as("neither event is the customer's").isZero();
        assertThat(db.queryForObject("select count(*) from customer_tag where customer_id = ? and tag = '大小写'",
                Integer.class, customer)).isZero();
        assertThat(db.queryForObject("select count(*) from customer where id in (?, ?)", Integer.class, lowerCase,
                customer + " ")).isZero();
    }

    @Test
    void usernamesDifferingInCaseAreTwoUsersAndATrailingSpaceIsNoOne() throws Exception {
        String suffix = tag().toLowerCase(Locale.ROOT);
        // our API takes lower-case usernames only, and says so
        var mixedCase = api.post("/api/users", ADMIN, Map.of("username", "Li.Lei-" + suffix, "displayName", "李雷",
                "password", Api.REP_PASSWORD, "role", "REP"));
        assertThat(mixedCase.status()).isEqualTo(400);
        assertThat(mixedCase.json().get("field").asText()).isEqualTo("username");
        assertThat(mixedCase.json().get("detail").asText()).contains("lowercase").doesNotContain("exists");

        // Camunda Admin and engine-rest take any case: there Li.Lei and li.lei are two people
        assertThat(engineUser("Li.Lei-" + suffix, "李雷").status()).isEqualTo(204);
        var second = engineUser("li.lei-" + suffix, "黎磊");
        assertThat(second.status()).as(second.body()).isEqualTo(204);
        assertThat(api.get("/engine-rest/user/Li.Lei-" + suffix + "/profile", ADMIN).json().get("firstName").asText())
                .isEqualTo("李雷");
        assertThat(api.get("/engine-rest/user/li.lei-" + suffix + "/profile", ADMIN).json().get("firstName").asText())
                .isEqualTo("黎磊");
        assertThat(api.get("/engine-rest/user/count?id=LI.LEI-" + suffix, ADMIN).json().get("count").asInt()).isZero();

        // the engine's own lookups: "admin " is not admin, and has no admin's groups
        assertThat(api.get("/engine-rest/user/count?id=admin%20", ADMIN).json().get("count").asInt()).isZero();
        assertThat(api.get("/engine-rest/group/count?member=admin%20", ADMIN).json().get("count").asInt()).isZero();
        assertThat(api.get("/engine-rest/group/count?id=nurture-admins%20", ADMIN).json().get("count").asInt()).isZero();
        assertThat(api.get("/engine-rest/group/count?member=admin", ADMIN).json().get("count").asInt()).isPositive();
    }

    @Test
    void theEngineStoresAndComparesEmojiAsH2Does() {
        String id = "emoji-" + tag().toLowerCase(Locale.ROOT);
        assertThat(engineUser(id, "小明妈妈🌸").status()).isEqualTo(204);
        assertThat(api.get("/engine-rest/user/" + id + "/profile", ADMIN).json().get("firstName").asText())
                .isEqualTo("小明妈妈🌸");

        // comparing an engine column with an emoji finds nothing; on MariaDB's utf8 it was an error
        var message = api.post("/engine-rest/message", ADMIN, Map.of("messageName", "💥", "businessKey", "🌸"));
        assertThat(message.status()).as(message.body()).isEqualTo(400);
        assertThat(api.get("/engine-rest/process-instance/count?businessKey=%F0%9F%8C%B8", ADMIN).json()
                .get("count").asInt()).isZero();
        assertThat(api.get("/engine-rest/process-definition/count?name=%F0%9F%8C%B8", ADMIN).json()
                .get("count").asInt()).isZero();
        if (TestDatabase.MARIADB) {
            assertThat(db.queryForList("select concat(table_name, '.', column_name) from information_schema.columns"
                    + " where table_schema = database() and table_name like 'ACT!_%' escape '!'"
                    + " and collation_name not in ('utf8mb4_nopad_bin', 'utf8mb4_0900_bin')", String.class))
                    .as("engine text narrower than utf8mb4, or of another collation than its exact ids").isEmpty();
            assertThat(db.queryForObject("select count(*) from information_schema.referential_constraints"
                    + " where constraint_schema = database() and table_name = 'ACT_RU_IDENTITYLINK'", Integer.class))
                    .as("the engine's foreign keys came back after the conversion").isEqualTo(2);
        }
    }

    @Test
    void onMySqlTheSchemaItselfComparesIdentifiersByteForByte() {
        if (!TestDatabase.MARIADB) {
            return;
        }
        var exact = new java.util.LinkedHashMap<String, List<String>>();
        ExactIdentifiers.COLUMNS.forEach((table, columns) -> columns.forEach(column -> exact.put(table + "." + column, List.of(table, column))));
        ExactKeys.COLUMNS.forEach((table, columns) -> columns.forEach(column -> exact.put(table + "." + column, List.of(table, column))));
        ExactWeComIds.COLUMNS.forEach((table, columns) -> columns.forEach(column -> exact.put(table + "." + column, List.of(table, column))));
        ExactContactKeys.COLUMNS.forEach((table, columns) -> columns.forEach(column -> exact.put(table + "." + column, List.of(table, column))));
        ExactReportKeys.COLUMNS.forEach((table, columns) -> columns.forEach(column -> exact.put(table + "." + column, List.of(table, column))));
        ExactStepKeys.COLUMNS.forEach((table, columns) -> columns.forEach(column -> exact.put(table + "." + column, List.of(table, column))));
        // Camunda's identity tables, made exact after the engine created them
        for (String column : List.of("ACT_ID_USER.ID_", "ACT_ID_GROUP.ID_", "ACT_ID_MEMBERSHIP.USER_ID_",
                "ACT_ID_MEMBERSHIP.GROUP_ID_", "ACT_RU_AUTHORIZATION.USER_ID_", "ACT_RU_TASK.ASSIGNEE_",
                "ACT_RU_EXECUTION.BUSINESS_KEY_", "ACT_HI_PROCINST.BUSINESS_KEY_", "ACT_HI_TASKINST.ASSIGNEE_",
                "ACT_HI_OP_LOG.USER_ID_")) {
            exact.put(column, List.of(column.split("\\.")));
        }
        // and whatever our own tables call an id, now and in migrations to come
        exact.putAll(db.query("select table_name, column_name from information_schema.columns"
                        + " where table_schema = database() and data_type in ('varchar', 'char') and table_name not like 'ACT!_%' escape '!'"
                        + " and (column_name = 'id' or column_name like '%!_id' escape '!' or column_name like 'customer!_%' escape '!')",
                (rows, i) -> List.of(rows.getString(1), rows.getString(2))).stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.get(0) + "." + c.get(1), c -> c, (x, y) -> x)));

        exact.forEach((name, column) -> assertThat(db.queryForObject("select collation_name from information_schema.columns"
                + " where table_schema = database() and table_name = ? and column_name = ?", String.class,
                column.get(0), column.get(1))).as(name).isIn(ExactColumns.NO_PAD_BINARY));
        assertThat(db.queryForList("select constraint_name from information_schema.referential_constraints"
                + " where constraint_schema = database() and table_name = 'ACT_ID_MEMBERSHIP'", String.class))
                .as("memberships still refer to their user and group").hasSize(2);
    }

    private Api.Response engineUser(String id, String name) {
        return api.post("/engine-rest/user/create", ADMIN, Map.of("profile", Map.of("id", id, "firstName", name,
                "lastName", "", "email", id + "@example.edu"), "credentials", Map.of("password", Api.REP_PASSWORD)));
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
