package io.nurtureflow.report;

import io.nurtureflow.customer.SalesTeams;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.TimeConfig;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request's filters into the rows the caller may read: an admin everything, a sales lead the reps they lead
 * and themselves (reps are refused at the door). Without dates, the last 30 days up to today.
 */
@Component
class ReportScope {

    private static final int DEFAULT_DAYS = 30;

    private final SalesTeams teams;
    private final Clock clock;
    private final TimeConfig time;

    ReportScope(SalesTeams teams, Clock clock, TimeConfig time) {
        this.teams = teams;
        this.clock = clock;
        this.time = time;
    }

    ReportFilter filter(LocalDate from, LocalDate to, Long channelId, String team, String rep) {
        LocalDate last = to != null ? to : LocalDate.ofInstant(clock.instant(), time.timeZone());
        LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
        if (first.isAfter(last)) {
            throw new BadInput("from", "from (" + first + ") is after to (" + last + ").");
        }
        return new ReportFilter(first, last, channelId, blankToNull(team), blankToNull(rep), visibleTo(CurrentUser.get()));
    }

    /** All of a period, as a reader may see it (a daily or weekly report). */
    ReportFilter period(CurrentUser reader, LocalDate from, LocalDate to) {
        return new ReportFilter(from, to, null, null, null, visibleTo(reader));
    }

    /** The reps whose numbers the user may read; null: everyone's. */
    List<String> visibleTo(CurrentUser user) {
        if (user.admin()) {
            return null;
        }
        var reps = new ArrayList<>(teams.repsLedBy(user.username()));
        reps.add(user.username());
        return reps;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
