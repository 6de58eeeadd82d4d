package io.nurtureflow.events;

import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

@ServiceTest
class EventIntakeTest extends RunningService {


    @Test
    void aBatchOfAThousandIsStoredOnceAndItsRepeatIsHarmless() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);
        String run = UUID.randomUUID().toString().substring(0, 8);
        var batch = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 1000; i++) {
            batch.add(Map.of("eventId", run + "-" + i, "customerId", customerId, "type", "CONTENT_VIEWED",
                    "occurredAt", "2026-11-22T10:15:30Z", "payload", Map.of("contentId", "article-" + i)));
        }

        var first = api.post("/api/events", ADMIN, batch);
        var again = api.post("/api/events", ADMIN, batch);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(1000);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("accepted").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1000);
        assertThat(db.queryForObject("select count(*) from behaviour_event where event_id like ?", Integer.class, run + "-%"))
                .isEqualTo(1000);
    }

    @Test
    void oneBadEventRejectsTheBatchNamingItAndNothingIsWritten() {
        String run = UUID.randomUUID().toString();
        var batch = List.of(
                Map.of("eventId", run + "-0", "phone", Leads.newPhone(), "type", "LINK_CLICKED"),
                Map.of("eventId", run + "-1", "phone", Leads.newPhone(), "type", "WAVED"));

        var rejected = api.post("/api/events", ADMIN, batch);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.json().get("field").asText()).isEqualTo("[1].type");
        assertThat(db.queryForObject("select count(*) from behaviour_event where event_id like ?", Integer.class, run + "%"))
                .isZero();

        var tooMany = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("eventId", run + "-many-" + i, "customerId", "C1", "type", "LINK_CLICKED"));
        }
        assertThat(api.post("/api/events", ADMIN, tooMany).json().get("field").asText()).isEqualTo("events");
        var noCustomer = api.post("/api/events", ADMIN, Map.of("eventId", run, "type", "LINK_CLICKED"));
        assertThat(noCustomer.json().get("field").asText()).isEqualTo("customerId");
        var badPhone = api.post("/api/events", ADMIN, Map.of("eventId", run, "phone", "12", "type", "LINK_CLICKED"));
        assertThat(badPhone.json().get("field").asText()).isEqualTo("phone");
    }

    @Test
    void anEventForAnUnknownPhoneIsParkedAndAppliedWhenThatLeadAppears() {
        String rep = api.newUser("rep", "REP");
        String phone = Leads.newPhone();
        var parked = api.post("/api/events", ADMIN, Map.of("eventId", UUID.randomUUID().toString(),
                "phone", "+86 " + phone, "type", "MESSAGE_REPLIED"));
        assertThat(parked.status()).isEqualTo(202);
        assertThat(parked.json().get("parked").asInt()).isEqualTo(1);

        String customerId = Scenario.lead(api, Scenario.channelOf(api, rep), phone, null);
        // parked events are applied off the request thread; the simulation clock waits for it, then sweeps
        api.advanceClock("PT0S");

        assertThat(db.queryForObject("select status from behaviour_event where customer_id = ?", String.class, customerId))
                .isEqualTo("CORRELATED");
        var profile = api.get("/api/customers/" + customerId, rep).json();
        assertThat(profile.get("stage").asText()).isEqualTo("ENGAGED");
        assertThat(profile.get("score").asInt()).isEqualTo(30);
        assertThat(Scenario.taskKinds(api, rep)).contains("FOLLOW_UP");
    }

    @Test
    void readingAddsUpToTheThresholdAndTheScoreDecaysOnTheProfile() {
        String rep = api.newUser("rep", "REP");
        String customerId = Scenario.leadOf(api, rep);

        view(customerId, "pricing");
        assertThat(api.get("/api/customers/" + customerId, rep).json().get("score").asInt()).isEqualTo(30);
        assertThat(Scenario.taskKinds(api, rep)).containsExactly("FIRST_CONTACT");

        view(customerId, "pricing");
        assertThat(api.get("/api/customers/" + customerId, rep).json().get("score").asInt()).isEqualTo(60);
        assertThat(Scenario.taskKinds(api, rep))
                .as("crossing the threshold (50) is intent").contains("FOLLOW_UP");

        api.advanceClock("P14D");
        assertThat(api.get("/api/customers/" + customerId, rep).json().get("score").asInt())
                .as("one half-life later").isEqualTo(30);
    }

    /**
     * Batches naming the same customers in different orders, sent at once, each add their points: none is lost to
     * another's write, and none fails (batches used to deadlock on each other's customers and be taken again).
     */
    @Test
    void batchesSharingCustomersAtOnceAllAddUp() throws Exception {
        String rep = api.newUser("rep", "REP");
        var customers = List.of(Scenario.leadOf(api, rep), Scenario.leadOf(api, rep), Scenario.leadOf(api, rep));
        int senders = 4;
        var start = new CountDownLatch(1);
        var sends = new ArrayList<Callable<Integer>>();
        for (int sender = 0; sender < senders; sender++) {
            var order = new ArrayList<>(customers);
            Collections.rotate(order, sender);
            var batch = order.stream().map(customer -> Map.<String, Object>of("eventId", UUID.randomUUID().toString(),
                    "customerId", customer, "type", "CONTENT_VIEWED")).toList();
            sends.add(() -> {
                start.await();
                return api.post("/api/events", ADMIN, batch).status();
            });
        }
        var pool = Executors.newFixedThreadPool(senders);
        try {
            var answers = sends.stream().map(pool::submit).toList();
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String customer : customers) {
            assertThat(api.get("/api/customers/" + customer, rep).json().get("score").asInt())
                    .as("four views of 10 points each for " + customer).isEqualTo(40);
        }
    }

    private void view(String customerId, String tag) {
        assertThat(api.post("/api/events", ADMIN, Map.of("eventId", UUID.randomUUID().toString(),
                "customerId", customerId, "type", "CONTENT_VIEWED", "payload", Map.of("contentTag", tag))).status())
                .isEqualTo(202);
    }
}
