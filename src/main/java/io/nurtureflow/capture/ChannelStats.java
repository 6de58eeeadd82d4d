package io.nurtureflow.capture;

import io.nurtureflow.system.TimeConfig;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * How a channel performs: scans, leads, new customers against duplicates (a lead that matched someone already
 * known), per rep and per local day. A lead whose matching is still running counts as a lead only.
 */
@Service
class ChannelStats {

    private static final String NEW = "NEW";
    private static final String NOBODY = "";

    private final StatsMapper stats;
    private final TimeConfig config;
    private final Clock clock;

    ChannelStats(StatsMapper stats, TimeConfig config, Clock clock) {
        this.stats = stats;
        this.config = config;
        this.clock = clock;
    }

    Report of(Channel channel) {
        int offset = config.timeZone().getRules().getOffset(clock.instant()).getTotalSeconds() / 60;
        var scans = stats.scans(channel.id(), offset);
        var leads = stats.leads(channel.id(), offset);
        Row total = tally(scans, leads, c -> "all").get("all");
        var perStaff = tally(scans, leads, c -> Objects.requireNonNullElse(c.rep(), NOBODY));
        var perDay = tally(scans, leads, c -> c.day().toString());
        return new Report(channel.id(), total == null ? Row.EMPTY : total,
                perStaff.entrySet().stream().map(e -> new StaffRow(e.getKey().isEmpty() ? null : e.getKey(), e.getValue())).toList(),
                perDay.entrySet().stream().map(e -> new DayRow(LocalDate.parse(e.getKey()), e.getValue())).toList());
    }

    private static Map<String, Row> tally(List<StatsMapper.Count> scans, List<StatsMapper.Count> leads,
                                          Function<StatsMapper.Count, String> key) {
        var rows = new TreeMap<String, Row>();
        for (var count : scans) {
            rows.merge(key.apply(count), new Row(count.count(), 0, 0, 0), Row::plus);
        }
        for (var count : leads) {
            boolean matched = count.outcome() != null;
            boolean fresh = NEW.equals(count.outcome());
            rows.merge(key.apply(count), new Row(0, count.count(), fresh ? count.count() : 0,
                    matched && !fresh ? count.count() : 0), Row::plus);
        }
        return rows;
    }

    record Row(long scans, long leads, long newLeads, long duplicateLeads) {

        static final Row EMPTY = new Row(0, 0, 0, 0);

        Row plus(Row other) {
            return new Row(scans + other.scans, leads + other.leads, newLeads + other.newLeads,
                    duplicateLeads + other.duplicateLeads);
        }
    }

    record StaffRow(String rep, Row counts) {
    }

    record DayRow(LocalDate day, Row counts) {
    }

    record Report(long channelId, Row total, List<StaffRow> perStaff, List<DayRow> perDay) {
    }
}
