package io.nurtureflow.followup;

import io.nurtureflow.customer.SalesTeams;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.system.WorkCalendar;
import io.nurtureflow.system.UserDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Who a rep answers to and when they work; reps nobody has described work 09:00–18:00, Monday to Saturday. */
@Service
public class Reps implements SalesTeams {

    static final String DAY_STARTS = "09:00";
    static final String DAY_ENDS = "18:00";
    static final String WORK_DAYS = "MON,TUE,WED,THU,FRI,SAT";

    private final RepMapper reps;
    private final UserDirectory users;
    private final TimeConfig time;
    private final WorkCalendar calendar;
    private final Clock clock;

    Reps(RepMapper reps, UserDirectory users, TimeConfig time, WorkCalendar calendar, Clock clock) {
        this.reps = reps;
        this.users = users;
        this.time = time;
        this.calendar = calendar;
        this.clock = clock;
    }

    public RepProfile profile(String rep) {
        return reps.find(rep).orElse(RepProfile.unDescribed(rep));
    }

    /**
     * When a task opened now and due "within" that much working time is due: rounded up to the whole second, because
     * the engine's task table keeps whole seconds on MariaDB; so a task is never due before its promise, and its due
     * time reads the same on every database.
     */
    public Instant dueWithin(String rep, Duration within) {
        return dueWithin(rep == null ? profile("") : profile(rep), within);
    }

    /** A follow-up opened now for the rep: when it is due (as {@link #dueWithin}) and whom it escalates to. */
    public FollowUpTerms followUpTerms(String rep, Duration within) {
        var profile = rep == null ? profile("") : profile(rep);
        return new FollowUpTerms(dueWithin(profile, within), profile.salesLead());
    }

    private Instant dueWithin(RepProfile profile, Duration within) {
        Instant due = new WorkingHours(LocalTime.parse(profile.workStart()), LocalTime.parse(profile.workEnd()),
                WorkingHours.days(profile.workDays()), calendar, time.timeZone())
                .after(clock.instant(), within);
        return due.getNano() == 0 ? due : due.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    @Override
    public List<String> repsLedBy(String salesLead) {
        return reps.ledBy(salesLead);
    }

    @Transactional
    public RepProfile describe(String rep, String team, String salesLead, String workStart, String workEnd,
                               String workDays) {
        if (!users.exists(rep)) {
            throw new NotFound("No user " + rep + ".");
        }
        if (team != null && (team.isBlank() || team.length() > 64)) {
            throw new BadInput("team", "team must be 1-64 characters.");
        }
        if (salesLead != null && !users.isMember(salesLead, Role.SALES_LEAD)) {
            throw new BadInput("salesLead", "salesLead must be a user in the sales-leads group.");
        }
        LocalTime starts = time("workStart", workStart == null ? DAY_STARTS : workStart);
        LocalTime ends = time("workEnd", workEnd == null ? DAY_ENDS : workEnd);
        if (!starts.isBefore(ends)) {
            throw new BadInput("workEnd", "workEnd must be after workStart.");
        }
        var profile = new RepProfile(rep, team, salesLead, starts.toString(), ends.toString(),
                workDays == null ? WORK_DAYS : days(workDays), reps.find(rep).map(RepProfile::active).orElse(true));
        if (reps.update(profile, clock.instant()) == 0) {
            reps.insert(profile, clock.instant());
        }
        return profile;
    }

    private static String days(String workDays) {
        try {
            return WorkingHours.join(WorkingHours.days(workDays));
        } catch (IllegalArgumentException e) {
            throw new BadInput("workDays", "workDays lists the days worked, like MON,TUE,WED,THU,FRI,SAT: "
                    + e.getMessage());
        }
    }

    private static LocalTime time(String field, String value) {
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadInput(field, field + " must be a time of day like 09:00.");
        }
    }

    /** The sales lead is null when the rep has none (or the lead has no owner yet). */
    public record FollowUpTerms(Instant due, String salesLead) {
    }
}
