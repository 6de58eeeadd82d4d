package io.nurtureflow.followup;

import io.nurtureflow.system.WorkCalendar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingHoursTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final WorkingHours weekdays = new WorkingHours(LocalTime.of(9, 0), LocalTime.of(18, 0),
            WorkingHours.days("MON,TUE,WED,THU,FRI"), new WorkCalendar(List.of(LocalDate.of(2026, 10, 1),
            LocalDate.of(2026, 10, 2)), List.of(LocalDate.of(2026, 11, 22))), SHANGHAI);

    @Test
    void timeLeftOnFridayEveningCarriesOverTheWeekendToMonday() {
        // 2026-11-13 is a Friday
        assertThat(due("2026-11-13T17:00", Duration.ofHours(2))).isEqualTo("2026-11-16T10:00");
    }

    @Test
    void aReplyOnADayOffIsDueFromTheNextWorkDaysStart() {
        assertThat(due("2026-11-14T11:30", Duration.ofHours(2))).isEqualTo("2026-11-16T11:00");
    }

    @Test
    void publicHolidaysAreSkippedLikeDaysOff() {
        // Wednesday 2026-09-30, then the national holiday on Thursday and Friday, then the weekend
        assertThat(due("2026-09-30T17:00", Duration.ofHours(2))).isEqualTo("2026-10-05T10:00");
    }

    @Test
    void aMakeUpWorkdayIsWorkedThoughItIsASunday() {
        // Friday 2026-11-20, 17:00: one hour left that day; Sunday the 22nd is a make-up workday (调休)
        assertThat(due("2026-11-20T17:00", Duration.ofHours(2))).isEqualTo("2026-11-22T10:00");
    }

    @Test
    void aDayCannotBeBothAHolidayAndAMakeUpWorkday() {
        var day = List.of(LocalDate.of(2026, 10, 1));
        assertThatThrownBy(() -> new WorkCalendar(day, day)).hasMessageContaining("both a holiday and a make-up workday");
    }

    @Test
    void insideTheDayItIsPlainClockTime() {
        assertThat(due("2026-11-18T09:30", Duration.ofHours(2))).isEqualTo("2026-11-18T11:30");
    }

    @Test
    void daysAreReadInAnyOrderAndCaseAndWrittenInWeekOrder() {
        assertThat(WorkingHours.join(WorkingHours.days("sat, mon,WED"))).isEqualTo("MON,WED,SAT");
        assertThatThrownBy(() -> WorkingHours.days("MON,MON")).hasMessageContaining("twice");
        assertThatThrownBy(() -> WorkingHours.days("")).hasMessageContaining("not a day");
        assertThatThrownBy(() -> WorkingHours.days("MONDAY")).hasMessageContaining("not a day");
    }

    private String due(String localStart, Duration within) {
        var from = LocalDateTime.parse(localStart).atZone(SHANGHAI).toInstant();
        return weekdays.after(from, within).atZone(SHANGHAI).toLocalDateTime().toString();
    }
}
