package io.nurtureflow.report;

import io.nurtureflow.support.Leads;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two customers merged count as one person in the funnel: the survivor's cohort keeps its steps and gains those only
 * the absorbed one reached, the absorbed cohort counts nothing; a survivor without a cohort takes the absorbed one's
 * over; undoing the merge gives every count back.
 */
@ServiceTest
class MergedLeadsFunnelTest extends RunningService {

    @Test
    void theSurvivorsCohortCountsThePersonOnceAndUndoGivesTheAbsorbedCohortBack() {
        String repA = rep("一组");
        String repB = rep("二组");
        String codeA = Scenario.channelOf(api, repA);
        String codeB = Scenario.channelOf(api, repB);
        String survivor = Scenario.lead(api, codeA, Leads.newPhone(), null);
        LocalDate day1 = today();
        api.advanceClock("P1D");
        String absorbed = Scenario.lead(api, codeB, Leads.newPhone(), Scenario.externalUserId());
        assertThat(Scenario.event(api, absorbed, "PURCHASED").status()).isEqualTo(202);
        var survivorBefore = rowsOf(repA);
        var absorbedBefore = rowsOf(repB);
        assertThat(absorbedBefore).containsKeys(key(today(), "LEAD"), key(today(), "WECOM_ADDED"), key(today(), "CONVERTED"));

        long merge = merge(survivor, absorbed);

        assertThat(rowsOf(repB)).as("the absorbed cohort counts nothing").isEmpty();
        var gained = new TreeMap<>(survivorBefore);
        absorbedBefore.keySet().stream().map(key -> key.substring(key.lastIndexOf('|') + 1))
                .filter(step -> !step.equals("LEAD"))
                .forEach(step -> gained.merge(key(day1, step), 1L, Long::sum));
        assertThat(rowsOf(repA)).as("the survivor's cohort has its own steps and the absorbed one's").isEqualTo(gained);
        assertThat(db.queryForObject("select count(*) from report_lead_step where customer_id = ? and step = 'LEAD'",
                Long.class, survivor)).isEqualTo(1);
        var total = api.get("/api/reports/funnel?from=" + day1 + "&to=" + today() + "&rep=" + repA, ADMIN).json()
                .get("total").get("counts");
        assertThat(total.get("LEAD").asLong()).isEqualTo(1);
        assertThat(total.get("CONVERTED").asLong()).isEqualTo(1);

        undo(merge);

        assertThat(rowsOf(repA)).isEqualTo(survivorBefore);
        assertThat(rowsOf(repB)).isEqualTo(absorbedBefore);
    }

    @Test
    void aSurvivorWithoutACohortTakesTheAbsorbedOneOverUntilTheMergeIsUndone() {
        String repB = rep("三组");
        String codeB = Scenario.channelOf(api, repB);
        // a customer as a CRM import makes one: no captured lead, so no cohort; older than the lead
        String imported = "CIMPORT" + Long.toString(System.nanoTime(), 32).toUpperCase();
        var before = Timestamp.from(Instant.parse(api.advanceClock("PT0S").json().get("now").asText()).minusSeconds(86_400));
        db.update("insert into customer (id, name, owner_rep, owner_since, stage, score, created_at, updated_at)"
                + " values (?, ?, ?, ?, 'NURTURING', 0, ?, ?)", imported, Leads.newName(), repB, before, before, before);
        String lead = Scenario.lead(api, codeB, Leads.newPhone(), Scenario.externalUserId());
        var cohortBefore = rowsOf(repB);

        long merge = merge(imported, lead);

        assertThat(rowsOf(repB)).as("one person, still counted once in the lead's cohort").isEqualTo(cohortBefore);
        assertThat(db.queryForList("select customer_id from report_lead where rep = ? and absorbed_by is null",
                String.class, repB)).containsExactly(imported);
        assertThat(db.queryForList("select step from report_lead_step where customer_id = ? order by step", String.class,
                imported)).containsExactly("LEAD", "WECOM_ADDED");

        undo(merge);

        assertThat(rowsOf(repB)).isEqualTo(cohortBefore);
        assertThat(db.queryForList("select customer_id from report_lead where rep = ? and absorbed_by is null",
                String.class, repB)).containsExactly(lead);
        assertThat(db.queryForList("select step from report_lead_step where customer_id = ?", String.class, imported))
                .isEmpty();
    }

    private String rep(String team) {
        String rep = api.newUser("rep", "REP");
        var described = api.put("/api/reps/" + rep, ADMIN, Map.of("team", team + rep, "workStart", "09:00",
                "workEnd", "18:00"));
        assertThat(described.status()).as(described.body()).isEqualTo(200);
        return rep;
    }

    private long merge(String first, String second) {
        var merged = api.post("/api/merges", ADMIN, Map.of("customerIds", List.of(first, second), "reason", "同一位家长"));
        assertThat(merged.status()).as(merged.body()).isEqualTo(201);
        assertThat(merged.json().get("survivorId").asText()).isEqualTo(first);
        return merged.json().get("id").asLong();
    }

    private void undo(long merge) {
        var undone = api.post("/api/merges/" + merge + "/undo", ADMIN, Map.of());
        assertThat(undone.status()).as(undone.body()).isEqualTo(200);
    }

    /** The rep's funnel roll-up rows: "day|step" → count. */
    private Map<String, Long> rowsOf(String rep) {
        var rows = new TreeMap<String, Long>();
        db.query(ReportsTest.funnelRows("rep = '" + rep + "'"), rs -> {
            rows.put(key(LocalDate.parse(rs.getString(1)), rs.getString(6)), rs.getLong(7));
        });
        return rows;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(Instant.parse(api.advanceClock("PT0S").json().get("now").asText()),
                ReportsTest.SHANGHAI);
    }

    private static String key(LocalDate day, String step) {
        return day + "|" + step;
    }
}
