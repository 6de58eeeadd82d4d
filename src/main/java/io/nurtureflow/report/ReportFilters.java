package io.nurtureflow.report;

import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.UserDirectory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What a reader may narrow a report to, for the dashboard's filters and the API: an admin every channel, team and
 * rep; a sales lead only those of their own team (the channels its reps staff), so the lists name no one else.
 */
@Component
class ReportFilters {

    private final ReportScope scope;
    private final ReportMapper reports;
    private final UserDirectory users;

    ReportFilters(ReportScope scope, ReportMapper reports, UserDirectory users) {
        this.scope = scope;
        this.reports = reports;
        this.users = users;
    }

    Choices of(CurrentUser reader) {
        var reps = scope.visibleTo(reader);
        var offered = reps == null ? users.membersOf(Role.REP) : reps;
        var names = users.displayNames(offered);
        return new Choices(reports.channelsOf(reps), reports.teamsOf(reps),
                offered.stream().sorted().map(rep -> new Rep(rep, names.get(rep))).toList());
    }

    record Choices(List<ReportMapper.ChannelName> channels, List<String> teams, List<Rep> reps) {
    }

    record Rep(String username, String name) {
    }
}
