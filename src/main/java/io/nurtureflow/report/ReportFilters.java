package io.nurtureflow.report;

import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.UserDirectory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a reader may narrow a report to, for the dashboard's filters and the API: an admin every channel, team and
 * rep; a sales lead only those of their own team (the channels its reps staff), so the lists name no one else.
 * SOP plans are the company's, not a team's: everyone is offered every plan.
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
        // a plan's key once, with the name of its latest version
        var plans = new LinkedHashMap<String, Plan>();
        reports.plans().forEach(plan -> plans.put(plan.planKey(), new Plan(plan.planKey(), plan.name() + "（" + plan.planKey() + "）")));
        return new Choices(reports.channelsOf(reps), reports.teamsOf(reps),
                offered.stream().sorted().map(rep -> new Rep(rep, names.get(rep))).toList(), List.copyOf(plans.values()));
    }

    record Choices(List<ReportMapper.ChannelName> channels, List<String> teams, List<Rep> reps, List<Plan> plans) {
    }

    record Plan(String key, String name) {
    }

    record Rep(String username, String name) {
    }
}
