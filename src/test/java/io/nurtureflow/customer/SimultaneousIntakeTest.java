package io.nurtureflow.customer;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same person submitting the public form from 50 scans at once (a parent tapping "submit" on every device in
 * the family): one customer, one lifecycle, every scan a touchpoint. On H2 and, in the mariadb run, on MariaDB.
 */
@ServiceTest
class SimultaneousIntakeTest {

    private static final int INTAKES = 50;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;

    @Test
    void fiftySimultaneousIntakesOfOnePhoneMakeOneCustomerAndOneLifecycle() throws Exception {
        var api = new Api(port);
        String rep = api.newUser("rep", "REP");
        var channel = api.post("/api/channels", ADMIN, Map.of("name", "家长群海报", "staff", List.of(rep),
                "tags", List.of("家长群"))).json();
        String code = channel.get("code").asText();
        String phone = Leads.newPhone();
        var scans = new ArrayList<String>();
        for (int i = 0; i < INTAKES; i++) {
            // fifty parents, fifty phones' addresses: below the flood limit, every scan is logged and routed
            scans.add(Leads.scanIdOf(api.getFrom("/q/" + code, "10.20.0." + (i + 1)).body()));
        }

        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(INTAKES);
        try {
            var answers = new ArrayList<Future<Integer>>();
            for (String scan : scans) {
                Callable<Integer> submit = () -> {
                    start.await();
                    return api.postForm("/q/" + code + "/lead", Map.of("scanId", scan, "name", "赵敏", "phone", phone)).status();
                };
                answers.add(pool.submit(submit));
            }
            start.countDown();
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        api.advanceClock("PT0S");

        var customers = db.queryForList("select customer_id from customer_identity where kind = 'PHONE' and id_value = ?",
                String.class, "+86" + phone);
        assertThat(customers).hasSize(1);
        String customerId = customers.get(0);
        // the rows themselves, so a lead that went astray shows where it went (its customer, its outcome)
        assertThat(db.queryForList("select concat(coalesce(customer_id, 'none'), ' ', coalesce(outcome, 'none')) "
                + "from captured_lead where phone = ?", String.class, "+86" + phone)).hasSize(INTAKES)
                .allMatch(row -> row.startsWith(customerId + " "));
        assertThat(db.queryForList("select outcome from captured_lead where phone = ?", String.class, "+86" + phone))
                .containsOnly("NEW", "IN_NURTURE").filteredOn("NEW"::equals).hasSize(1);
        assertThat(db.queryForList("select scan_id from touchpoint t join captured_lead l on l.id = t.lead_id "
                + "where t.customer_id = ?", String.class, customerId)).as("every scan is a touchpoint")
                .containsExactlyInAnyOrderElementsOf(scans);
        assertThat(api.get("/engine-rest/process-instance?processDefinitionKey=lead-lifecycle&businessKey=" + customerId,
                ADMIN).json()).hasSize(1);
        assertThat(api.get("/engine-rest/incident", ADMIN).body()).doesNotContain(customerId);
    }
}
