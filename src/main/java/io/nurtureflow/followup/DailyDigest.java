package io.nurtureflow.followup;

import io.nurtureflow.system.Role;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.system.UserDirectory;
import io.nurtureflow.system.WorkCalendar;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeSet;

/**
 * At the start of each rep's (and sales lead's) working day, one WeCom message with what is due today and what is
 * overdue. Looked for every minute, so a node that was down at 09:00 still sends it later that day; the outbox's
 * unique key (rep and day) keeps it to one per working day whatever the number of nodes or runs.
 */
@Component
class DailyDigest {

    private static final int FIRST_FEW = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Reps reps;
    private final FollowUps followUps;
    private final UserDirectory users;
    private final AlertMapper outbox;
    private final RepAlerts alerts;
    private final AlertLinks links;
    private final WorkCalendar calendar;
    private final TimeConfig time;
    private final Clock clock;

    DailyDigest(Reps reps, FollowUps followUps, UserDirectory users, AlertMapper outbox, RepAlerts alerts,
                AlertLinks links, WorkCalendar calendar, TimeConfig time, Clock clock) {
        this.reps = reps;
        this.followUps = followUps;
        this.users = users;
        this.outbox = outbox;
        this.alerts = alerts;
        this.links = links;
        this.calendar = calendar;
        this.time = time;
        this.clock = clock;
    }

    /** Answers how many digests this run wrote (empty ones included). */
    @Scheduled(fixedDelayString = "${nurture.alerts.digest-poll-millis:60000}")
    public int run() {
        Instant now = clock.instant();
        ZoneId zone = time.timeZone();
        LocalDate today = now.atZone(zone).toLocalDate();
        var people = new TreeSet<>(users.membersOf(Role.REP));
        people.addAll(users.membersOf(Role.SALES_LEAD));
        int written = 0;
        for (String rep : people) {
            var profile = reps.profile(rep);
            String key = "DIGEST:" + rep + ":" + today;
            Instant starts = today.atTime(LocalTime.parse(profile.workStart())).atZone(zone).toInstant();
            Instant ends = today.atTime(LocalTime.parse(profile.workEnd())).atZone(zone).toInstant();
            if (!profile.active() || !calendar.isWorkday(today, WorkingHours.days(profile.workDays()))
                    || now.isBefore(starts) || !now.isBefore(ends) || outbox.exists(key)) {
                continue;
            }
            try {
                alerts.add(digest(key, rep, now, today.plusDays(1).atStartOfDay(zone).toInstant()));
                written++;
            } catch (DuplicateKeyException e) {
                // another node wrote this rep's digest in the meantime
            }
        }
        return written;
    }

    private RepAlert digest(String key, String rep, Instant now, Instant tomorrow) {
        var open = followUps.openFor(rep);
        List<FollowUpTask> overdue = open.stream().filter(t -> t.dueAt().isBefore(now)).toList();
        List<FollowUpTask> dueToday = open.stream().filter(t -> !t.dueAt().isBefore(now) && t.dueAt().isBefore(tomorrow))
                .toList();
        var description = new StringBuilder(RepAlerts.line("gray", "今日到期 " + dueToday.size() + " 项，已逾期 "
                + overdue.size() + " 项"));
        overdue.stream().limit(FIRST_FEW).forEach(t -> description.append(RepAlerts.line("highlight", "逾期 " + item(t, RepAlerts.DUE))));
        dueToday.stream().limit(FIRST_FEW).forEach(t -> description.append(RepAlerts.line("normal", item(t, TIME))));
        var alert = RepAlert.pending(key, rep, AlertKind.DIGEST, description.toString(), links.today(), now);
        // nothing to do today: recorded (so it is not looked at again all day), not sent
        return overdue.isEmpty() && dueToday.isEmpty() ? alert.empty() : alert;
    }

    private String item(FollowUpTask task, DateTimeFormatter due) {
        return due.format(task.dueAt().atZone(time.timeZone())) + " " + AlertKind.of(task.kind()).title() + " · "
                + alerts.leadName(task.customerId());
    }
}
