package io.nurtureflow.followup;

import io.nurtureflow.system.WorkCalendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Within two hours" means two working hours of the rep: a lead who replies at 23:00 is due the next
 * morning, not at 01:00 when nobody is at work, and a reply on the rep's day off or a public holiday is due on
 * their next work day.
 */
final class WorkingHours {

    private final LocalTime start;
    private final LocalTime end;
    private final Set<DayOfWeek> days;
    private final WorkCalendar calendar;
    private final ZoneId zone;

    WorkingHours(LocalTime start, LocalTime end, Set<DayOfWeek> days, WorkCalendar calendar, ZoneId zone) {
        this.start = start;
        this.end = end;
        this.days = days;
        this.calendar = calendar;
        this.zone = zone;
    }

    Instant after(Instant from, Duration within) {
        ZonedDateTime at = from.atZone(zone);
        Duration left = within;
        for (int day = 0; day < 400; day++) {
            if (calendar.isWorkday(at.toLocalDate(), days)) {
                ZonedDateTime opens = at.toLocalDate().atTime(start).atZone(zone);
                ZonedDateTime closes = at.toLocalDate().atTime(end).atZone(zone);
                if (at.isBefore(opens)) {
                    at = opens;
                }
                if (at.isBefore(closes)) {
                    Duration today = Duration.between(at, closes);
                    if (today.compareTo(left) >= 0) {
                        return at.plus(left).toInstant();
                    }
                    left = left.minus(today);
                }
            }
            at = at.toLocalDate().plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("no working time within a year for " + within);
    }

    /** Reads "MON,TUE,…"; throws IllegalArgumentException naming what it could not read. */
    static Set<DayOfWeek> days(String list) {
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (String token : list.split(",")) {
            String name = token.strip().toUpperCase(Locale.ROOT);
            var day = Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(name) && name.length() == 3)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + token.strip() + "' is not a day"));
            if (!days.add(day)) {
                throw new IllegalArgumentException(name + " is listed twice");
            }
        }
        return days;
    }

    static String join(Set<DayOfWeek> days) {
        return days.stream().map(day -> day.name().substring(0, 3)).collect(Collectors.joining(","));
    }
}
