package io.nurtureflow.customer;

import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/** Every scan, touchpoint, tag, push, event and task of a customer, in one place for the profile. */
@Service
public class Timeline {

    private final TimelineMapper entries;
    private final Clock clock;

    Timeline(TimelineMapper entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    public void record(String customerId, String kind, String summary) {
        String fitted = summary.length() > 500 ? summary.substring(0, 497) + "..." : summary;
        entries.insert(customerId, clock.instant(), kind, fitted);
    }

    public List<TimelineEntry> latest(String customerId, int limit) {
        return entries.latest(customerId, limit);
    }
}
