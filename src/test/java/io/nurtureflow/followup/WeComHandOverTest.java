package io.nurtureflow.followup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.WeComApi;
import io.nurtureflow.support.WeComApi.Call;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 离职继承 with WeCom configured: WeCom's API is played by a local MockWebServer that answers transfer_customer
 * and resigned/transfer_customer with the documented per-customer errcodes.
 */
@ServiceTest
class WeComHandOverTest extends RunningService {

    private static final String IN_SERVICE = "/cgi-bin/externalcontact/transfer_customer";
    private static final String RESIGNED = "/cgi-bin/externalcontact/resigned/transfer_customer";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** external user ids WeCom refuses to move, with its errcode */
    private static final Map<String, Integer> REFUSED = new ConcurrentHashMap<>();
    /** handover userids for whom WeCom's servers fail */
    private static final Set<String> DOWN_FOR = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger CONFIG_IDS = new AtomicInteger();
    @RegisterExtension
    static final WeComApi WECOM = new WeComApi(call -> switch (call.path()) {
        // with WeCom configured, every new channel gets its contact way
        case "/cgi-bin/externalcontact/add_contact_way" ->
                WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\",\"config_id\":\"cfg-" + CONFIG_IDS.incrementAndGet() + "\"}");
        case IN_SERVICE, RESIGNED -> transfer(call.body());
        default -> WeComApi.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
    });

    @DynamicPropertySource
    static void wecom(DynamicPropertyRegistry registry) {
        WECOM.configure(registry);
    }

    @Test
    void weComMovesTheContactsAndARefusedCustomerStaysWithTheDepartingRep() {
        String leaving = api.newUser("rep", "REP");
        String heir = api.newUser("rep", "REP");
        String code = Scenario.channelOf(api, leaving);
        String movedContact = Scenario.externalUserId();
        String refusedContact = Scenario.externalUserId();
        REFUSED.put(refusedContact, 40096);
        String moved = Scenario.lead(api, code, null, movedContact);
        String refused = Scenario.lead(api, code, null, refusedContact);
        String phoneOnly = Scenario.lead(api, code, Leads.newPhone(), null);

        var response = api.post("/api/reps/" + leaving + "/deactivate", ADMIN,
                Map.of("successor", heir, "message", "您好，您的顾问已调整，后续由新顾问为您服务。"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var call = only(IN_SERVICE, leaving);
        assertThat(call.body().get("takeover_userid").asText()).isEqualTo(heir);
        assertThat(texts(call.body().get("external_userid"))).containsExactlyInAnyOrder(movedContact, refusedContact);
        assertThat(call.body().get("transfer_success_msg").asText()).isEqualTo("您好，您的顾问已调整，后续由新顾问为您服务。");
        assertThat(calls(RESIGNED, leaving)).isEmpty();

        var transfers = byCustomer(response.json());
        assertThat(transfers.get(moved).get("status").asText()).isEqualTo("TRANSFERRED");
        assertThat(transfers.get(moved).get("toRep").asText()).isEqualTo(heir);
        assertThat(transfers.get(moved).get("reason").asText()).isEqualTo("named successor; WeCom hand-over started");
        assertThat(transfers.get(refused).get("status").asText()).isEqualTo("WECOM_REFUSED");
        assertThat(transfers.get(refused).get("toRep").isNull()).isTrue();
        assertThat(transfers.get(refused).get("reason").asText()).contains("40096");
        assertThat(transfers.get(phoneOnly).get("status").asText()).isEqualTo("TRANSFERRED");
        assertThat(transfers.get(phoneOnly).get("reason").asText()).isEqualTo("named successor; no WeCom contact");

        assertThat(Scenario.owner(api, moved)).isEqualTo(heir);
        assertThat(Scenario.owner(api, phoneOnly)).isEqualTo(heir);
        assertThat(Scenario.owner(api, refused)).as("WeCom keeps it with the departing rep, so do we").isEqualTo(leaving);
        assertThat(api.get("/engine-rest/task?assignee=" + leaving, ADMIN).json()).as("the refused customer's task stays")
                .hasSize(1);
        assertThat(api.get("/api/me/tasks", heir).json()).hasSize(2);
        assertThat(byCustomer(api.get("/api/reps/" + leaving + "/transfers", ADMIN).json()).get(refused)
                .get("status").asText()).isEqualTo("WECOM_REFUSED");
        assertThat(api.get("/api/reps/" + leaving, ADMIN).json().get("active").asBoolean()).isFalse();
    }

    @Test
    void aRepWhoAlreadyLeftWeComIsHandedOverWithResignedTransferAndNoMessage() {
        String leaving = api.newUser("rep", "REP");
        String heir = api.newUser("rep", "REP");
        String contact = Scenario.externalUserId();
        String customer = Scenario.lead(api, Scenario.channelOf(api, leaving), null, contact);

        var response = api.post("/api/reps/" + leaving + "/deactivate", ADMIN,
                Map.of("successor", heir, "leftWeCom", true));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var call = only(RESIGNED, leaving);
        assertThat(call.body().get("takeover_userid").asText()).isEqualTo(heir);
        assertThat(texts(call.body().get("external_userid"))).containsExactly(contact);
        assertThat(call.body().has("transfer_success_msg")).isFalse();
        assertThat(calls(IN_SERVICE, leaving)).isEmpty();
        assertThat(Scenario.owner(api, customer)).isEqualTo(heir);
    }

    @Test
    void roundRobinHeirsGetOneCallEachWithTheirOwnCustomers() {
        String team = "team-" + System.nanoTime();
        String leaving = teamRep(team);
        var heirs = List.of(teamRep(team), teamRep(team));
        var contactOf = new HashMap<String, String>();
        String code = Scenario.channelOf(api, leaving);
        while (contactOf.size() < 4) {
            String contact = Scenario.externalUserId();
            contactOf.put(Scenario.lead(api, code, null, contact), contact);
        }

        var response = api.post("/api/reps/" + leaving + "/deactivate", ADMIN, "{}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var handedTo = new HashMap<String, List<String>>();
        response.json().forEach(transfer -> handedTo.computeIfAbsent(transfer.get("toRep").asText(),
                heir -> new ArrayList<>()).add(contactOf.get(transfer.get("customerId").asText())));
        var asked = new HashMap<String, List<String>>();
        calls(IN_SERVICE, leaving).forEach(call ->
                asked.put(call.body().get("takeover_userid").asText(), texts(call.body().get("external_userid"))));
        assertThat(asked.keySet()).containsExactlyInAnyOrderElementsOf(heirs);
        for (String heir : heirs) {
            assertThat(asked.get(heir)).hasSize(2).containsExactlyInAnyOrderElementsOf(handedTo.get(heir));
        }
    }

    @Test
    void moreThanAHundredCustomersGoInCallsOfAtMostAHundred() {
        String leaving = api.newUser("rep", "REP");
        String heir = api.newUser("rep", "REP");
        // imported customers (no lifecycle yet) are the quick way to a rep with more than WeCom takes per call
        String batch = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var contacts = new ArrayList<String>();
        for (int i = 0; i < 101; i++) {
            String customerId = "T" + batch + i;
            String contact = Scenario.externalUserId();
            contacts.add(contact);
            db.update("insert into customer (id, name, owner_rep, stage, score, created_at, updated_at)"
                    + " values (?, '家长', ?, 'NURTURING', 0, current_timestamp, current_timestamp)", customerId, leaving);
            db.update("insert into customer_identity (kind, id_value, customer_id, created_at)"
                    + " values ('EXTERNAL_USER_ID', ?, ?, current_timestamp)", contact, customerId);
        }

        var response = api.post("/api/reps/" + leaving + "/deactivate", ADMIN, Map.of("successor", heir));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var sizes = new ArrayList<Integer>();
        var sent = new ArrayList<String>();
        calls(IN_SERVICE, leaving).forEach(call -> {
            sizes.add(call.body().get("external_userid").size());
            sent.addAll(texts(call.body().get("external_userid")));
        });
        assertThat(sizes).containsExactlyInAnyOrder(100, 1);
        assertThat(sent).containsExactlyInAnyOrderElementsOf(contacts);
        assertThat(response.json().findValuesAsText("status")).containsOnly("TRANSFERRED").hasSize(101);
    }

    @Test
    void whenWeComIsDownTheRequestFailsAndNothingChanges() {
        String leaving = api.newUser("rep", "REP");
        String heir = api.newUser("rep", "REP");
        DOWN_FOR.add(leaving);
        String customer = Scenario.lead(api, Scenario.channelOf(api, leaving), null, Scenario.externalUserId());

        var response = api.post("/api/reps/" + leaving + "/deactivate", ADMIN, Map.of("successor", heir));

        assertThat(response.status()).as(response.body()).isEqualTo(502);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains("WeCom did not take the hand-over")
                .contains("nothing was changed");
        assertThat(calls(IN_SERVICE, leaving)).as("the client's retries").hasSizeGreaterThan(1);
        assertThat(api.get("/api/reps/" + leaving, ADMIN).json().get("active").asBoolean()).isTrue();
        assertThat(api.get("/api/me/tasks", leaving).status()).as("still a rep who logs in").isEqualTo(200);
        assertThat(Scenario.owner(api, customer)).isEqualTo(leaving);
        assertThat(api.get("/api/reps/" + leaving + "/transfers", ADMIN).json()).isEmpty();
        assertThat(db.queryForObject("select count(*) from rep_transfer where from_rep = ?", Integer.class, leaving))
                .isZero();
    }

    @Test
    void aMessageTooLongOrForARepWhoLeftWeComIsBadInput() {
        String leaving = api.newUser("rep", "REP");
        String heir = api.newUser("rep", "REP");
        Scenario.lead(api, Scenario.channelOf(api, leaving), null, Scenario.externalUserId());

        var tooLong = api.post("/api/reps/" + leaving + "/deactivate", ADMIN,
                Map.of("successor", heir, "message", "您".repeat(201)));
        var withResigned = api.post("/api/reps/" + leaving + "/deactivate", ADMIN,
                Map.of("successor", heir, "leftWeCom", true, "message", "您好"));

        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asText()).isEqualTo("message");
        assertThat(withResigned.status()).as(withResigned.body()).isEqualTo(400);
        assertThat(withResigned.json().get("field").asText()).isEqualTo("message");
        assertThat(calls(IN_SERVICE, leaving)).isEmpty();
        assertThat(calls(RESIGNED, leaving)).isEmpty();
        assertThat(api.get("/api/reps/" + leaving, ADMIN).json().get("active").asBoolean()).isTrue();
        var exactly200 = api.post("/api/reps/" + leaving + "/deactivate", ADMIN,
                Map.of("successor", heir, "message", "您".repeat(200)));
        assertThat(exactly200.status()).as(exactly200.body()).isEqualTo(200);
    }

    /** WeCom's answer: errcode 0 overall, and per customer 0 or the refusal chosen for it. */
    private static MockResponse transfer(JsonNode body) {
        if (DOWN_FOR.contains(body.path("handover_userid").asText())) {
            return new MockResponse().setResponseCode(500).setBody("upstream failure");
        }
        ArrayNode customers = JSON.createArrayNode();
        body.path("external_userid").forEach(contact -> customers.addObject()
                .put("external_userid", contact.asText())
                .put("errcode", REFUSED.getOrDefault(contact.asText(), 0)));
        var answer = JSON.createObjectNode().put("errcode", 0).put("errmsg", "ok");
        answer.set("customer", customers);
        return WeComApi.json(answer.toString());
    }

    /** Only this test's calls: other tests' requests reach the same stand-in. */
    private static List<Call> calls(String path, String handover) {
        return WECOM.calls(path).stream()
                .filter(call -> call.body().path("handover_userid").asText().equals(handover)).toList();
    }

    private static Call only(String path, String handover) {
        var calls = calls(path, handover);
        assertThat(calls).as("calls to " + path + " for " + handover).hasSize(1);
        return calls.get(0);
    }

    private String teamRep(String team) {
        String rep = api.newUser("rep", "REP");
        assertThat(api.put("/api/reps/" + rep, ADMIN, Map.of("team", team)).status()).isEqualTo(200);
        return rep;
    }

    private static Map<String, JsonNode> byCustomer(JsonNode transfers) {
        var byCustomer = new HashMap<String, JsonNode>();
        transfers.forEach(transfer -> byCustomer.put(transfer.get("customerId").asText(), transfer));
        return byCustomer;
    }

    private static List<String> texts(JsonNode array) {
        var texts = new ArrayList<String>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
