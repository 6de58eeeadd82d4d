package io.nurtureflow.followup;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingHoursTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final WorkingHours weekdays = new WorkingHours(LocalTime.of(9, 0), LocalTime.of(18, 0),
            WorkingHours.days("MON,TUE,WED,THU,FRI"), Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2)),
            SHANGHAI);

    @Test
    void timeLeftOnFridayEveningCarriesOverTheWeekendToMonday() {
        // 2026-11-20 is a Friday
        assertThat(due("2026-11-20T17:00", Duration.ofHours(2))).isEqualTo("2026-11-23T10:00");
    }

    @Test
    void aReplyOnADayOffIsDueFromTheNextWorkDaysStart() {
        assertThat(due("2026-11-21T11:30", Duration.ofHours(2))).isEqualTo("2026-11-23T11:00");
    }

    @Test
    void publicHolidaysAreSkippedLikeDaysOff() {
        // Wednesday 2026-09-30, then the national holiday on Thursday and Friday, then the weekend
        assertThat(due("2026-09-30T17:00", Duration.ofHours(2))).isEqualTo("2026-10-05T10:00");
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
