package io.nurtureflow.capture;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * When a rep is on duty for a channel: weekly hours, overridden on the days a special date range covers
 * (a holiday with no hours means off). No slots at all means always on duty.
 */
record Schedule(List<Slot> slots) {

    /** Weekly hours: days are ISO weekdays, 1 = Monday. */
    public record Hours(@NotEmpty @Size(max = 7) List<@NotNull @Min(1) @Max(7) Integer> days,
                        @NotNull LocalTime from, @NotNull LocalTime to) {
    }

    public record SpecialDates(@NotNull LocalDate from, @NotNull LocalDate to,
                               @Size(max = 10) List<@Valid TimeRange> hours) {
    }

    public record TimeRange(@NotNull LocalTime from, @NotNull LocalTime to) {
    }

    /** One stored row: weekly when weekday is set, special when dates are; null minutes = off all day. */
    record Slot(Integer weekday, LocalDate dateFrom, LocalDate dateTo, Integer startMinute, Integer endMinute) {

        boolean special() {
            return dateFrom != null;
        }

        boolean covers(LocalDate day) {
            return !day.isBefore(dateFrom) && !day.isAfter(dateTo);
        }

        boolean contains(int minute) {
            return startMinute != null && minute >= startMinute && minute < endMinute;
        }
    }

    boolean onDuty(LocalDateTime now) {
        if (slots.isEmpty()) {
            return true;
        }
        LocalDate day = now.toLocalDate();
        int minute = now.getHour() * 60 + now.getMinute();
        var special = slots.stream().filter(Slot::special).filter(slot -> slot.covers(day)).toList();
        if (!special.isEmpty()) {
            return special.stream().anyMatch(slot -> slot.contains(minute));
        }
        var weekly = slots.stream().filter(slot -> !slot.special()).toList();
        if (weekly.isEmpty()) {
            return true;
        }
        int weekday = now.getDayOfWeek().getValue();
        return weekly.stream().anyMatch(slot -> slot.weekday() == weekday && slot.contains(minute));
    }

    static List<Slot> slotsOf(StaffMember member) {
        var slots = new java.util.ArrayList<Slot>();
        for (Hours hours : member.hours()) {
            for (int day : hours.days()) {
                slots.add(new Slot(day, null, null, minuteOf(hours.from()), endMinute(hours.to())));
            }
        }
        for (SpecialDates special : member.specialDates()) {
            if (special.hours() == null || special.hours().isEmpty()) {
                slots.add(new Slot(null, special.from(), special.to(), null, null));
            }
            for (TimeRange range : special.hours() == null ? List.<TimeRange>of() : special.hours()) {
                slots.add(new Slot(null, special.from(), special.to(), minuteOf(range.from()), endMinute(range.to())));
            }
        }
        return slots;
    }

    /** 24:00 cannot be written as a LocalTime, so "until midnight" is 00:00 as an end. */
    static int endMinute(LocalTime to) {
        int minute = minuteOf(to);
        return minute == 0 ? 24 * 60 : minute;
    }

    static int minuteOf(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }
}
