package io.nurtureflow.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The one calendar of days off, shared by pushes and follow-ups (nurture.calendar.*): public holidays (国庆, 春节) on
 * which nothing is sent and no task falls due, and China's make-up workdays (调休), the weekend days that are worked
 * instead, on which reps work whatever their usual week says. Set each year from the State Council's notice.
 */
@ConfigurationProperties("nurture.calendar")
public record WorkCalendar(List<LocalDate> holidays, List<LocalDate> makeUpWorkdays) {

    public WorkCalendar {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        makeUpWorkdays = makeUpWorkdays == null ? List.of() : List.copyOf(makeUpWorkdays);
        var both = holidays.stream().filter(makeUpWorkdays::contains).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("nurture.calendar: " + both + " is both a holiday and a make-up workday");
        }
    }

    public boolean isHoliday(LocalDate day) {
        return holidays.contains(day);
    }

    /** A make-up workday is worked; a holiday is not; else the day of the week decides. */
    public boolean isWorkday(LocalDate day, Set<DayOfWeek> usualWeek) {
        return makeUpWorkdays.contains(day) || (!holidays.contains(day) && usualWeek.contains(day.getDayOfWeek()));
    }
}
