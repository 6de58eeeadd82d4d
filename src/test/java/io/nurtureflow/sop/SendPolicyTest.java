package io.nurtureflow.sop;

import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.system.WorkCalendar;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The send policy on its own: the moments it picks, and thousands of random plans checked by an independent judge. */
class SendPolicyTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<ZoneId> ZONES = List.of(SHANGHAI, ZoneId.of("America/New_York"), ZoneId.of("Europe/London"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/Santiago"),
            ZoneId.of("Pacific/Chatham"), ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Tehran"), ZoneId.of("UTC"));

    /** The corp's caps alone: WeCom's own quota (1 a day unless configured) is set out of the way. */
    static SendPolicy policy(Integer perDay, Integer perWeek, Integer daysPerMonth, List<LocalDate> holidays) {
        return new SendPolicy(new SopSettings(null, null, perDay, perWeek, daysPerMonth, null, Integer.MAX_VALUE, null,
                null), new WorkCalendar(holidays, List.of()),
                new TimeConfig(SHANGHAI, "http://nurture.test"));
    }

    static SopStep step(Timing timing, int day, String window, String at, String after, String atLocal, String weekdays) {
        return new SopStep("p", 1, 1, timing, day, window, at, after, atLocal, weekdays, null, "hi", "[]", "", "",
                false, Delivery.AUTO);
    }

    final SendPolicy defaults = policy(null, null, null, List.of());

    @Test
    void dayNAtAWindowIsReadOnTheCustomersCalendarNotInUtc() {
        // 23:30 in Shanghai is still the afternoon in UTC: "day 1" is tomorrow in Shanghai
        Instant capture = ZonedDateTime.of(2026, 3, 2, 23, 30, 0, 0, SHANGHAI).toInstant();
        var slot = defaults.schedule(step(Timing.DAY_AT_WINDOW, 1, "NOON", null, null, null, null), capture, null,
                capture, SHANGHAI, List.of());
        assertThat(slot.dueAt()).isEqualTo(ZonedDateTime.of(2026, 3, 3, 12, 0, 0, 0, SHANGHAI).toInstant());
        assertThat(slot.moved()).isFalse();
    }

    @Test
    void dayNAtHhMmAcrossADaylightSavingChangeKeepsTheWallClock() {
        var newYork = ZoneId.of("America/New_York");
        Instant capture = ZonedDateTime.of(2026, 3, 7, 9, 0, 0, 0, newYork).toInstant();
        var slot = defaults.schedule(step(Timing.DAY_AT_TIME, 2, "EVENING", "19:15", null, null, null), capture, null,
                capture, newYork, List.of());
        assertThat(slot.dueAt().atZone(newYork).toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 3, 9, 19, 15));
    }

    @Test
    void aDelayLandingOutsideEveryWindowMovesToTheNextWindowAndSaysWhy() {
        Instant previous = ZonedDateTime.of(2026, 3, 2, 12, 10, 0, 0, SHANGHAI).toInstant();
        var slot = defaults.schedule(step(Timing.AFTER_PREVIOUS, 0, SendPolicy.ANY_WINDOW, null, "PT3H", null, null),
                previous, previous, previous, SHANGHAI, List.of());
        assertThat(slot.plannedAt()).isEqualTo(previous.plus(Duration.ofHours(3)));
        assertThat(slot.dueAt()).isEqualTo(ZonedDateTime.of(2026, 3, 2, 18, 30, 0, 0, SHANGHAI).toInstant());
        assertThat(slot.moveReason()).isEqualTo("outside the send windows");
    }

    @Test
    void theFrequencyCapMovesAPushToTheNextDayNeverDropsIt() {
        Instant sentThisMorning = ZonedDateTime.of(2026, 3, 2, 7, 5, 0, 0, SHANGHAI).toInstant();
        Instant noon = ZonedDateTime.of(2026, 3, 2, 12, 0, 0, 0, SHANGHAI).toInstant();
        var slot = defaults.nextAllowed(noon, SHANGHAI, List.of(sentThisMorning), "NOON");
        assertThat(slot.dueAt()).isEqualTo(ZonedDateTime.of(2026, 3, 3, 12, 0, 0, 0, SHANGHAI).toInstant());
        assertThat(slot.moveReason()).isEqualTo("frequency cap 1 per day");
    }

    @Test
    void holidaysAndADaysPerMonthCapAreRespected() {
        var policy = policy(null, null, 2, List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2)));
        Instant from = ZonedDateTime.of(2026, 10, 1, 7, 0, 0, 0, SHANGHAI).toInstant();
        assertThat(policy.nextAllowed(from, SHANGHAI, List.of(), "MORNING").dueAt())
                .isEqualTo(ZonedDateTime.of(2026, 10, 3, 7, 0, 0, 0, SHANGHAI).toInstant());
        var sentTwiceInOctober = List.of(ZonedDateTime.of(2026, 10, 3, 7, 0, 0, 0, SHANGHAI).toInstant(),
                ZonedDateTime.of(2026, 10, 5, 7, 0, 0, 0, SHANGHAI).toInstant());
        var slot = policy.nextAllowed(from.plus(Duration.ofDays(6)), SHANGHAI, sentTwiceInOctober, "MORNING");
        assertThat(slot.dueAt()).isEqualTo(ZonedDateTime.of(2026, 11, 1, 7, 0, 0, 0, SHANGHAI).toInstant());
        assertThat(slot.moveReason()).isEqualTo("frequency cap 2 days per month");
    }

    @Test
    void quietHoursCutIntoAWindow() {
        var policy = new SendPolicy(new SopSettings(Map.of("LATE", "21:00-23:00"), "22:00-07:00", null, null, null,
                null, null, null, null), new WorkCalendar(null, null), new TimeConfig(SHANGHAI, "x"));
        Instant tenPast10 = ZonedDateTime.of(2026, 3, 2, 22, 10, 0, 0, SHANGHAI).toInstant();
        var slot = policy.nextAllowed(tenPast10, SHANGHAI, List.of(), SendPolicy.ANY_WINDOW);
        assertThat(slot.dueAt()).isEqualTo(ZonedDateTime.of(2026, 3, 3, 21, 0, 0, 0, SHANGHAI).toInstant());
        assertThat(slot.moveReason()).isEqualTo("quiet hours 22:00-07:00");
        assertThat(policy.windowAt(LocalTime.of(22, 30))).isEmpty();
        assertThat(policy.windowAt(LocalTime.of(21, 30))).isPresent();
    }

    @Test
    void weeklyStepsGoOnTheNextGivenWeekdayAfterThePreviousPush() {
        Instant mondayMorning = ZonedDateTime.of(2026, 3, 2, 7, 30, 0, 0, SHANGHAI).toInstant();
        var slot = defaults.schedule(step(Timing.WEEKLY, 0, "EVENING", null, null, null, "MONDAY,THURSDAY"),
                mondayMorning, mondayMorning, mondayMorning, SHANGHAI, List.of(mondayMorning));
        assertThat(slot.dueAt().atZone(SHANGHAI).getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(slot.dueAt().atZone(SHANGHAI).toLocalTime()).isEqualTo(LocalTime.of(18, 30));
    }

    /**
     * Thousands of random plans, zones, capture times, caps and holidays. Each push is sent at the moment the policy
     * allows (as the engine would fire the timer), and an independent judge checks every push: inside a configured
     * window, never over the cap on its local day, ISO week or month, never on a holiday, and every step sent.
     */
    @Test
    void randomPlansNeverSendOutsideAWindowNorOverTheCapAndLoseNothing() {
        var random = new Random(20261122L);
        int plansChecked = 0;
        int pushesChecked = 0;
        int moved = 0;
        var windows = SopSettings.DEFAULT_WINDOWS.values().stream().map(range -> SendWindow.parse("w", range)).toList();
        for (int run = 0; run < 3000; run++) {
            Integer perDay = random.nextInt(4) == 0 ? null : 1 + random.nextInt(2);
            Integer perWeek = random.nextInt(3) == 0 ? null : 2 + random.nextInt(6);
            Integer daysPerMonth = random.nextInt(3) == 0 ? 3 + random.nextInt(8) : null;
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            Instant capture = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86_400));
            var holidays = new ArrayList<LocalDate>();
            for (int h = random.nextInt(4); h > 0; h--) {
                holidays.add(capture.atZone(zone).toLocalDate().plusDays(random.nextInt(30)));
            }
            var policy = policy(perDay, perWeek, daysPerMonth, holidays);
            var steps = randomPlan(random, capture, zone);
            var sent = new ArrayList<Instant>();
            Instant now = capture;
            Instant previous = null;
            for (SopStep step : steps) {
                var slot = policy.schedule(step, capture, previous, now, zone, sent);
                moved += slot.moved() ? 1 : 0;
                assertThat(slot.dueAt()).as("never earlier than asked").isAfterOrEqualTo(
                        slot.plannedAt().isBefore(now) ? now : slot.plannedAt());
                sent.add(slot.dueAt());
                previous = slot.dueAt();
                now = slot.dueAt().plusSeconds(random.nextInt(5));
            }
            judge(sent, steps, zone, windows, perDay, perWeek, daysPerMonth, holidays);
            plansChecked++;
            pushesChecked += sent.size();
        }
        assertThat(plansChecked).isEqualTo(3000);
        assertThat(pushesChecked).isGreaterThan(10_000);
        assertThat(moved).as("the random plans do exercise moves").isGreaterThan(1000);
    }

    private static List<SopStep> randomPlan(Random random, Instant capture, ZoneId zone) {
        String[] windowNames = {"MORNING", "NOON", "EVENING"};
        String[] times = {"07:00", "07:59", "12:30", "18:30", "19:45"};
        var steps = new ArrayList<SopStep>();
        int count = 1 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            Timing timing = Timing.values()[random.nextInt(Timing.values().length)];
            String window = windowNames[random.nextInt(3)];
            String time = times[random.nextInt(times.length)];
            var step = switch (timing) {
                case DAY_AT_WINDOW -> step(timing, random.nextInt(30), window, null, null, null, null);
                case DAY_AT_TIME -> step(timing, random.nextInt(30), windowOf(time), time, null, null, null);
                case AFTER_PREVIOUS -> step(timing, 0, random.nextBoolean() ? SendPolicy.ANY_WINDOW : window, null,
                        Duration.ofMinutes(1 + random.nextInt(5 * 24 * 60)).toString(), null, null);
                case AT_DATE_TIME -> step(timing, 0, windowOf(time), null, null,
                        capture.atZone(zone).toLocalDate().plusDays(random.nextInt(40)).atTime(LocalTime.parse(time))
                                .toString(), null);
                case WEEKLY -> step(timing, 0, window, null, null, null,
                        DayOfWeek.of(1 + random.nextInt(7)) + "," + DayOfWeek.of(1 + random.nextInt(7)));
            };
            steps.add(step);
        }
        return steps;
    }

    private static String windowOf(String time) {
        return time.startsWith("07") ? "MORNING" : time.startsWith("12") ? "NOON" : "EVENING";
    }

    private static void judge(List<Instant> sent, List<SopStep> steps, ZoneId zone, List<SendWindow> windows,
                              Integer perDay, Integer perWeek, Integer daysPerMonth, List<LocalDate> holidays) {
        assertThat(sent).as("0 lost: every step has its push").hasSize(steps.size());
        var perLocalDay = new HashMap<LocalDate, Integer>();
        var perIsoWeek = new HashMap<String, Integer>();
        var daysInMonth = new HashMap<String, java.util.Set<LocalDate>>();
        for (int i = 0; i < sent.size(); i++) {
            var local = sent.get(i).atZone(zone);
            LocalTime time = local.toLocalTime();
            assertThat(windows.stream().anyMatch(w -> w.contains(time)))
                    .as("0 outside a window: %s in %s", local, zone).isTrue();
            if (!SendPolicy.ANY_WINDOW.equals(steps.get(i).sendWindow())) {
                var own = SendWindow.parse("own", SopSettings.DEFAULT_WINDOWS.get(steps.get(i).sendWindow()));
                assertThat(own.contains(time)).as("the step's own window: %s", local).isTrue();
            }
            assertThat(holidays).as("never on a holiday").doesNotContain(local.toLocalDate());
            LocalDate day = local.toLocalDate();
            perLocalDay.merge(day, 1, Integer::sum);
            perIsoWeek.merge(day.get(IsoFields.WEEK_BASED_YEAR) + "-" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 1,
                    Integer::sum);
            daysInMonth.computeIfAbsent(day.getYear() + "-" + day.getMonthValue(), m -> new java.util.HashSet<>()).add(day);
        }
        if (perDay != null) {
            assertThat(perLocalDay.values()).as("0 over the daily cap").allMatch(n -> n <= perDay);
        }
        if (perWeek != null) {
            assertThat(perIsoWeek.values()).as("0 over the weekly cap").allMatch(n -> n <= perWeek);
        }
        if (daysPerMonth != null) {
            assertThat(daysInMonth.values().stream().map(java.util.Set::size).collect(Collectors.toList()))
                    .as("0 over the days-per-month cap").allMatch(n -> n <= daysPerMonth);
        }
    }
}
