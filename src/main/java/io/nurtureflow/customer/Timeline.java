package io.nurtureflow.customer;

import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.time.Instant;

/** Every scan, touchpoint, tag, push, event and task of a customer, in one place for the profile. */
@Service
public class Timeline {

    /** Rows per multi-row insert: large enough to save round trips, small enough for any packet limit. */
    private static final int CHUNK = 500;

    private final TimelineMapper entries;
    private final Clock clock;

    Timeline(TimelineMapper entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    public void record(String customerId, String kind, String summary) {
        entries.insert(customerId, clock.instant(), kind, fitted(summary));
    }

    /** A fact that a repeated run (an import done twice) must not tell twice. */
    void recordOnce(String customerId, String kind, String summary) {
        String fitted = fitted(summary);
        if (!entries.has(customerId, kind, fitted)) {
            entries.insert(customerId, clock.instant(), kind, fitted);
        }
    }

    /** One entry each for many customers, written together (a send window's batch of thousands). */
    public void recordAll(Map<String, String> summaryByCustomer, String kind) {
        Instant now = clock.instant();
        var rows = summaryByCustomer.entrySet().stream()
                .map(e -> new TimelineMapper.NewEntry(e.getKey(), now, kind, fitted(e.getValue()))).toList();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            entries.insertAll(rows.subList(from, Math.min(rows.size(), from + CHUNK)));
        }
    }

    private static String fitted(String summary) {
        return summary.length() > 500 ? summary.substring(0, 497) + "..." : summary;
    }

    public List<TimelineEntry> latest(String customerId, int limit) {
        return entries.latest(customerId, limit);
    }
}
