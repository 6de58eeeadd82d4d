package io.nurtureflow.report;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.FunnelStep;
import io.nurtureflow.customer.LeadFunnel;
import io.nurtureflow.followup.FollowUpKind;
import io.nurtureflow.followup.FollowUpTask;
import io.nurtureflow.followup.Outcome;
import io.nurtureflow.followup.TaskLedger;
import io.nurtureflow.system.TimeConfig;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Keeps {@code report_task_day} as tasks open and close. A task is done in time when it was closed with an outcome
 * by its due time, which the follow-up feature set in the rep's working hours and the work calendar (24 working
 * hours for a first contact, 2 for a follow-up). An escalation counts against the rep whose customer it is, not the
 * sales lead who holds it; a first contact done is the funnel's "first contact made".
 */
@Component
class TaskRollup implements TaskLedger {

    private static final RollupMapper.TaskCount OPENED = new RollupMapper.TaskCount(1, 0, 0, 0, 0);
    private static final RollupMapper.TaskCount ESCALATED = new RollupMapper.TaskCount(0, 0, 0, 0, 1);
    private static final RollupMapper.TaskCount CANCELLED = new RollupMapper.TaskCount(0, 0, 0, 1, 0);
    private static final RollupMapper.TaskCount LATE = new RollupMapper.TaskCount(0, 1, 0, 0, 0);
    private static final RollupMapper.TaskCount IN_TIME = new RollupMapper.TaskCount(0, 1, 1, 0, 0);

    private final RollupMapper rollups;
    private final DayCounts dayCounts;
    private final Customers customers;
    private final LeadFunnel funnel;
    private final TimeConfig time;

    TaskRollup(RollupMapper rollups, DayCounts dayCounts, Customers customers, LeadFunnel funnel, TimeConfig time) {
        this.rollups = rollups;
        this.dayCounts = dayCounts;
        this.customers = customers;
        this.funnel = funnel;
        this.time = time;
    }

    @Override
    public void opened(FollowUpTask task) {
        if (task.kind() == FollowUpKind.ESCALATION) {
            String owner = customers.find(task.customerId()).map(c -> c.ownerRep()).orElse(null);
            add(task.createdAt(), owner, task.kind(), ESCALATED);
        } else {
            add(task.createdAt(), task.rep(), task.kind(), OPENED);
        }
    }

    @Override
    public void closed(FollowUpTask task, Outcome outcome, Instant at) {
        if (outcome == null) {
            add(at, task.rep(), task.kind(), CANCELLED);
            return;
        }
        add(at, task.rep(), task.kind(), task.dueAt() == null || !at.isAfter(task.dueAt()) ? IN_TIME : LATE);
        if (task.kind() == FollowUpKind.FIRST_CONTACT) {
            funnel.reached(task.customerId(), FunnelStep.FIRST_CONTACT, at);
        }
    }

    private void add(Instant at, String rep, FollowUpKind kind, RollupMapper.TaskCount count) {
        String team = rep == null ? "" : rollups.teamOf(rep);
        String holder = rep == null ? "" : rep;
        var day = LocalDate.ofInstant(at, time.timeZone());
        dayCounts.write(DayCounts.row("report_task_day", day, holder, team, kind),
                rollups -> rollups.addToTasks(day, holder, team, kind.name(), count));
    }
}
