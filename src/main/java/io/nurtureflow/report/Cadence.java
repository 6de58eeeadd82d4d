package io.nurtureflow.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;

/** How often a report is sent: a 日报 every morning for yesterday, a 周报 on Mondays for the week before. */
enum Cadence {
    DAILY, WEEKLY;

    /** The first and last day the report sent {@code today} covers; empty when none is due today. */
    Optional<LocalDate[]> period(LocalDate today) {
        return switch (this) {
            case DAILY -> Optional.of(new LocalDate[] {today.minusDays(1), today.minusDays(1)});
            case WEEKLY -> today.getDayOfWeek() == DayOfWeek.MONDAY
                    ? Optional.of(new LocalDate[] {today.minusDays(7), today.minusDays(1)}) : Optional.empty();
        };
    }
}
