package io.nurtureflow.capture;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    // 2026-11-23 is a Monday
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    private static Schedule schedule(List<Schedule.Hours> hours, List<Schedule.SpecialDates> special) {
        return new Schedule(Schedule.slotsOf(new StaffMember("rep", 1, null, false, hours, special)));
    }

    @Test
    void noHoursMeansAlwaysOnDuty() {
        assertThat(schedule(null, null).onDuty(MONDAY.atTime(3, 0))).isTrue();
    }

    @Test
    void weeklyHoursCoverTheirDaysAndTimesOnly() {
        var weekdays = schedule(List.of(new Schedule.Hours(List.of(1, 2, 3, 4, 5), LocalTime.of(9, 0), LocalTime.of(18, 0))), null);
        assertThat(weekdays.onDuty(MONDAY.atTime(9, 0))).isTrue();
        assertThat(weekdays.onDuty(MONDAY.atTime(17, 59))).isTrue();
        assertThat(weekdays.onDuty(MONDAY.atTime(18, 0))).as("the end is exclusive").isFalse();
        assertThat(weekdays.onDuty(MONDAY.atTime(8, 59))).isFalse();
        assertThat(weekdays.onDuty(MONDAY.plusDays(5).atTime(10, 0))).as("Saturday").isFalse();
    }

    @Test
    void midnightAsTheEndMeansUntilTheDayIsOver() {
        var evenings = schedule(List.of(new Schedule.Hours(List.of(1), LocalTime.of(18, 30), LocalTime.MIDNIGHT)), null);
        assertThat(evenings.onDuty(MONDAY.atTime(23, 59))).isTrue();
        assertThat(evenings.onDuty(MONDAY.atTime(18, 29))).isFalse();
    }

    @Test
    void specialDatesOverrideTheWeekOnTheDaysTheyCover() {
        var hours = List.of(new Schedule.Hours(List.of(1, 2, 3, 4, 5, 6, 7), LocalTime.of(9, 0), LocalTime.of(18, 0)));
        var holiday = new Schedule.SpecialDates(MONDAY, MONDAY.plusDays(1), List.of());
        var fair = new Schedule.SpecialDates(MONDAY.plusDays(3), MONDAY.plusDays(3),
                List.of(new Schedule.TimeRange(LocalTime.of(19, 0), LocalTime.of(21, 0))));
        var schedule = schedule(hours, List.of(holiday, fair));

        assertThat(schedule.onDuty(MONDAY.atTime(10, 0))).as("holiday: off all day").isFalse();
        assertThat(schedule.onDuty(MONDAY.plusDays(1).atTime(10, 0))).isFalse();
        assertThat(schedule.onDuty(MONDAY.plusDays(2).atTime(10, 0))).as("back to the week").isTrue();
        assertThat(schedule.onDuty(MONDAY.plusDays(3).atTime(10, 0))).as("the fair day has its own hours").isFalse();
        assertThat(schedule.onDuty(LocalDateTime.of(MONDAY.plusDays(3), LocalTime.of(20, 0)))).isTrue();
    }
}
