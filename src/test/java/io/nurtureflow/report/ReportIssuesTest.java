package io.nurtureflow.report;

import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** The 日报 and 周报: sent once to each admin and sales lead at the configured time, in their scope, and kept. */
@ServiceTest
class ReportIssuesTest extends RunningService {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    ReportIssues reports;

    @Test
    void eachSalesLeadGetsYesterdaysReportOfTheirTeamEveryMorningAndLastWeeksOnMondays() {
        String lead = api.newUser("lead", "SALES_LEAD");
        String otherLead = api.newUser("lead", "SALES_LEAD");
        String rep = api.newUser("rep", "REP");
        assertThat(api.put("/api/reps/" + rep, ADMIN, Map.of("team", "四组", "salesLead", lead, "workStart", "09:00",
                "workEnd", "18:00")).status()).isEqualTo(200);
        Scenario.leadOf(api, rep);
        LocalDate today = LocalDate.ofInstant(now(), SHANGHAI);

        advanceTo(today.plusDays(1).atTime(LocalTime.of(8, 0)));
        reports.run();
        assertThat(issuesOf(lead, today)).as("not before 08:30").isZero();

        advanceTo(today.plusDays(1).atTime(LocalTime.of(9, 0)));
        reports.run();
        reports.run();
        assertThat(issuesOf(lead, today)).as("one a day").isEqualTo(1);
        assertThat(db.queryForList("select url from rep_alert where rep = ? and kind = 'DAILY_REPORT' and alert_key like ?",
                String.class, lead, "%:" + today)).singleElement().asString().endsWith("/reports?from=" + today + "&to=" + today);

        long id = db.queryForObject("select id from report_issue where reader = ? and cadence = 'DAILY' and period_from = ?",
                Long.class, lead, today);
        assertThat(api.get("/api/reports/issues", lead).json().findValuesAsText("id")).contains(Long.toString(id));
        var kept = api.get("/api/reports/issues/" + id, lead).json();
        assertThat(kept.get("periodFrom").asText()).isEqualTo(today.toString());
        assertThat(kept.get("report").get("funnel").get("total").get("counts").get("LEAD").asLong())
                .as("their rep's lead, nobody else's").isEqualTo(1);
        assertThat(kept.get("report").get("sla").get("rows").findValuesAsText("key")).contains(rep);
        assertThat(api.get("/api/reports/issues/" + id, otherLead).status()).isEqualTo(403);
        assertThat(api.get("/api/reports/issues/" + id, ADMIN).status()).isEqualTo(200);
        assertThat(api.get("/api/reports/issues/999999999", ADMIN).status()).isEqualTo(404);

        LocalDate monday = today.plusDays(2);
        while (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
            monday = monday.plusDays(1);
        }
        advanceTo(monday.atTime(LocalTime.of(10, 0)));
        reports.run();
        assertThat(db.queryForList("select period_to from report_issue where reader = ? and cadence = 'WEEKLY'"
                + " and period_from = ?", LocalDate.class, lead, monday.minusDays(7))).containsExactly(monday.minusDays(1));
    }

    private int issuesOf(String reader, LocalDate day) {
        return db.queryForObject("select count(*) from report_issue where reader = ? and cadence = 'DAILY'"
                + " and period_from = ?", Integer.class, reader, day);
    }

    private Instant now() {
        return Instant.parse(api.advanceClock("PT0S").json().get("now").asText());
    }

    private void advanceTo(LocalDateTime local) {
        var moved = api.advanceClock(Duration.between(now(), local.atZone(SHANGHAI).toInstant()).toString());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    }
}
