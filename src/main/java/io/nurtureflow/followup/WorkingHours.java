package io.nurtureflow.followup;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * "Within two hours" means two working hours of the rep: a lead who replies at 23:00 is due the next
 * morning, not at 01:00 when nobody is at work. Sunday is off (education sales work Saturdays).
 */
final class WorkingHours {

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;

    WorkingHours(LocalTime start, LocalTime end, ZoneId zone) {
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    Instant after(Instant from, Duration within) {
        ZonedDateTime at = from.atZone(zone);
        Duration left = within;
        for (int day = 0; day < 400; day++) {
            if (at.getDayOfWeek() != DayOfWeek.SUNDAY) {
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
}
