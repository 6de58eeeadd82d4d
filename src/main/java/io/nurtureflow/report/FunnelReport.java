package io.nurtureflow.report;

import io.nurtureflow.customer.FunnelStep;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lead funnel over a date range, read from the daily roll-ups: scans by the day scanned, leads and every later
 * step by the day the lead came in, so a rate is the share of that range's leads that got there (of its scans for
 * the leads themselves).
 */
@Service
class FunnelReport {

    private final ReportMapper reports;
    private final Labels labels;

    FunnelReport(ReportMapper reports, Labels labels) {
        this.reports = reports;
        this.labels = labels;
    }

    Funnel of(ReportFilter filter, Breakdown by) {
        var counts = new TreeMap<String, Map<FunnelStep, Long>>();
        var total = new LinkedHashMap<FunnelStep, Long>();
        for (var count : reports.funnel(filter, by.column)) {
            var byStep = counts.computeIfAbsent(count.dim(), k -> new LinkedHashMap<>());
            for (var step : FunnelStep.values()) {
                byStep.merge(step, count.of(step), Long::sum);
                total.merge(step, count.of(step), Long::sum);
            }
        }
        var label = labels.of(by, counts.keySet());
        var rows = new ArrayList<Row>();
        counts.forEach((key, byStep) -> rows.add(row(key, label.apply(key), byStep)));
        var steps = Arrays.stream(FunnelStep.values()).map(s -> new Step(s, Labels.of(s))).toList();
        return new Funnel(filter.from(), filter.to(), by, steps, rows, row("", "合计", total));
    }

    private static Row row(String key, String label, Map<FunnelStep, Long> byStep) {
        var counts = new LinkedHashMap<FunnelStep, Long>();
        var rates = new LinkedHashMap<FunnelStep, Double>();
        long scans = byStep.getOrDefault(FunnelStep.SCANNED, 0L);
        long leads = byStep.getOrDefault(FunnelStep.LEAD, 0L);
        for (var step : FunnelStep.values()) {
            long count = byStep.getOrDefault(step, 0L);
            counts.put(step, count);
            if (step != FunnelStep.SCANNED) {
                rates.put(step, rate(count, step == FunnelStep.LEAD ? scans : leads));
            }
        }
        return new Row(key, label, counts, rates);
    }

    /** Four decimals; null when there is nothing to divide by. */
    static Double rate(long count, long of) {
        return of == 0 ? null : Math.round(count * 10_000.0 / of) / 10_000.0;
    }

    record Funnel(LocalDate from, LocalDate to, Breakdown by, List<Step> steps, List<Row> rows, Row total) {
    }

    record Step(FunnelStep step, String label) {
    }

    /** {@code rates}: of the leads, for the leads themselves of the scans. */
    record Row(String key, String label, Map<FunnelStep, Long> counts, Map<FunnelStep, Double> rates) {
    }
}
