package io.nurtureflow.report;

import io.nurtureflow.sop.ShiftReason;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How each step of each plan version did over a date range, read from the daily roll-ups: pushes due in a send
 * window, moved by the send policy (by reason), sent, confirmed by their rep in WeCom, delivered, and clicked,
 * replied to and unsubscribed from within 24 hours. Confirmed and delivered are shares of the sent, the responses
 * shares of the delivered.
 */
@Service
class StepReport {

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::planKey)
            .thenComparingInt(Key::planVersion).thenComparingInt(Key::stepNo);

    private final ReportMapper reports;

    StepReport(ReportMapper reports) {
        this.reports = reports;
    }

    Steps of(ReportFilter filter, String plan, Integer version) {
        var counts = new TreeMap<Key, Counts>(ORDER);
        reports.steps(filter, plan, version).forEach(t -> counts.put(new Key(t.planKey(), t.planVersion(), t.stepNo()),
                new Counts(t.due(), 0, t.sent(), t.confirmed(), t.delivered(), t.clicked(), t.replied(),
                        t.unsubscribed())));
        var shifts = new TreeMap<Key, Map<ShiftReason, Long>>(ORDER);
        reports.stepShifts(filter, plan, version).forEach(s -> shifts
                .computeIfAbsent(new Key(s.planKey(), s.planVersion(), s.stepNo()), k -> new EnumMap<>(ShiftReason.class))
                .merge(ShiftReason.valueOf(s.reason()), s.total(), Long::sum));
        shifts.keySet().forEach(key -> counts.putIfAbsent(key, Counts.NONE));
        var names = new HashMap<String, String>();
        reports.plans().forEach(p -> names.put(p.planKey() + " v" + p.version(), p.name()));
        var rows = new ArrayList<Row>();
        var total = Counts.NONE;
        var allShifts = new EnumMap<ShiftReason, Long>(ShiftReason.class);
        for (var entry : counts.entrySet()) {
            var key = entry.getKey();
            var moved = shifts.getOrDefault(key, Map.of());
            moved.forEach((reason, n) -> allShifts.merge(reason, n, Long::sum));
            total = total.plus(entry.getValue());
            String name = names.getOrDefault(key.planKey() + " v" + key.planVersion(), key.planKey());
            rows.add(row(key, name + "（" + key.planKey() + "）v" + key.planVersion() + " 第" + key.stepNo() + "步",
                    entry.getValue(), moved));
        }
        var reasons = Arrays.stream(ShiftReason.values()).map(r -> new Reason(r, Labels.of(r))).toList();
        return new Steps(filter.from(), filter.to(), plan, version, reasons, rows,
                row(new Key(null, 0, 0), "合计", total, allShifts));
    }

    private static Row row(Key key, String label, Counts counted, Map<ShiftReason, Long> moved) {
        var shifted = new EnumMap<ShiftReason, Long>(ShiftReason.class);
        Arrays.stream(ShiftReason.values()).forEach(r -> shifted.put(r, moved.getOrDefault(r, 0L)));
        var c = counted.withShifted(shifted.values().stream().mapToLong(Long::longValue).sum());
        var rates = new Rates(FunnelReport.rate(c.confirmed(), c.sent()), FunnelReport.rate(c.delivered(), c.sent()),
                FunnelReport.rate(c.clicked(), c.delivered()), FunnelReport.rate(c.replied(), c.delivered()),
                FunnelReport.rate(c.unsubscribed(), c.delivered()));
        boolean isTotal = key.planKey() == null;
        return new Row(key.planKey(), isTotal ? null : key.planVersion(), isTotal ? null : key.stepNo(), label, c,
                shifted, rates);
    }

    private record Key(String planKey, int planVersion, int stepNo) {
    }

    record Steps(LocalDate from, LocalDate to, String plan, Integer version, List<Reason> reasons, List<Row> rows,
                 Row total) {
    }

    record Reason(ShiftReason reason, String label) {
    }

    /** One step of one plan version (the total: no plan, version or step). */
    record Row(String planKey, Integer planVersion, Integer stepNo, String label, Counts counts,
               Map<ShiftReason, Long> shifted, Rates rates) {
    }

    /** {@code shifted}: all reasons together. */
    record Counts(long due, long shifted, long sent, long confirmed, long delivered, long clicked, long replied,
                  long unsubscribed) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(due + o.due, shifted + o.shifted, sent + o.sent, confirmed + o.confirmed,
                    delivered + o.delivered, clicked + o.clicked, replied + o.replied, unsubscribed + o.unsubscribed);
        }

        Counts withShifted(long moved) {
            return new Counts(due, moved, sent, confirmed, delivered, clicked, replied, unsubscribed);
        }
    }

    /** Confirmed and delivered of the sent; clicked, replied and unsubscribed of the delivered. */
    record Rates(Double confirmed, Double delivered, Double clicked, Double replied, Double unsubscribed) {
    }
}
