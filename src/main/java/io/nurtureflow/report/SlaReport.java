package io.nurtureflow.report;

import io.nurtureflow.followup.FollowUpKind;
import io.nurtureflow.system.BadInput;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How reps keep their promises over a date range: first contacts and follow-ups done, and done by their due time
 * (24 and 2 of the rep's working hours); escalations of their customers; and the tasks open now, by age.
 */
@Service
class SlaReport {

    private final ReportMapper reports;
    private final Labels labels;
    private final Clock clock;

    SlaReport(ReportMapper reports, Labels labels, Clock clock) {
        this.reports = reports;
        this.labels = labels;
        this.clock = clock;
    }

    Sla of(ReportFilter filter, Breakdown by) {
        if (by != Breakdown.REP && by != Breakdown.TEAM && by != Breakdown.ALL) {
            throw new BadInput("by", "The rep SLA report is by REP, TEAM or ALL.");
        }
        var tasks = new TreeMap<String, Map<String, ReportMapper.TaskCounts>>();
        reports.tasks(filter, by.column).forEach(t -> tasks.computeIfAbsent(t.dim(), k -> new TreeMap<>()).put(t.kind(), t));
        var now = clock.instant();
        var open = new TreeMap<String, ReportMapper.OpenTasks>();
        reports.openTasks(filter, by.column, now, now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(3)),
                now.minus(Duration.ofDays(7))).forEach(o -> open.put(o.dim(), o));
        var keys = new TreeSet<String>(tasks.keySet());
        keys.addAll(open.keySet());
        var label = labels.of(by, keys);
        var rows = new ArrayList<Row>();
        for (String key : keys) {
            var kinds = tasks.getOrDefault(key, Map.of());
            var first = kinds.get(FollowUpKind.FIRST_CONTACT.name());
            var followUp = kinds.get(FollowUpKind.FOLLOW_UP.name());
            long escalations = kinds.values().stream().mapToLong(ReportMapper.TaskCounts::escalated).sum();
            var openNow = open.get(key);
            rows.add(new Row(key, label.apply(key), promise(first), promise(followUp), escalations,
                    openNow == null ? new Open(0, 0, 0, 0, 0, 0) : new Open(openNow.total(), openNow.overdue(), openNow.underDay(),
                            openNow.underThreeDays(), openNow.underWeek(), openNow.older())));
        }
        return new Sla(filter.from(), filter.to(), by, rows);
    }

    private static Promise promise(ReportMapper.TaskCounts counts) {
        return counts == null ? new Promise(0, 0, 0, null)
                : new Promise(counts.opened(), counts.done(), counts.doneInTime(),
                FunnelReport.rate(counts.doneInTime(), counts.done()));
    }

    record Sla(LocalDate from, LocalDate to, Breakdown by, List<Row> rows) {
    }

    record Row(String key, String label, Promise firstContacts, Promise followUps, long escalations, Open openTasks) {
    }

    /** Tasks of one kind: opened and done in the range, done by their due time, and that share of the done. */
    record Promise(long opened, long done, long inTime, Double inTimeRate) {
    }

    /** Open now: all, past due, and by age (under a day, 1–3 days, 3–7 days, older). */
    record Open(long total, long overdue, long underDay, long oneToThreeDays, long threeToSevenDays, long older) {
    }
}
