package io.nurtureflow.sop;

import io.nurtureflow.system.TimeConfig;
import io.nurtureflow.system.WorkCalendar;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every time rule of a push, in one place: what moment a step asks for (read on the customer's calendar in the
 * customer's zone, never in UTC), and the first moment at or after it that lies in a send window, outside quiet
 * hours, not on a holiday and under the per-customer frequency cap. A moment that is not allowed moves to the next
 * allowed one and says why; nothing is ever dropped.
 */
@Component
public class SendPolicy {

    public static final String ANY_WINDOW = "ANY";
    private static final int SECONDS_PER_DAY = 86_400;
    /** Far enough for a monthly cap to clear twice over; a policy that finds nothing in it is misconfigured. */
    private static final int HORIZON_DAYS = 800;

    private final List<SendWindow> windows;
    private final List<int[]> quiet;
    private final String quietHours;
    private final Integer capPerDay;
    private final Integer capPerWeek;
    private final Integer capDaysPerMonth;
    private final Integer quotaPerDay;
    private final Integer quotaPerMonth;
    private final WorkCalendar calendar;
    private final ZoneId defaultZone;

    SendPolicy(SopSettings settings, WorkCalendar calendar, TimeConfig config) {
        this.windows = settings.windows().entrySet().stream()
                .map(e -> SendWindow.parse(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(SendWindow::opens)).toList();
        this.quietHours = settings.quietHours();
        this.quiet = parseQuiet(settings.quietHours());
        this.capPerDay = settings.capPerDay();
        this.capPerWeek = settings.capPerWeek();
        this.capDaysPerMonth = settings.capDaysPerMonth();
        this.quotaPerDay = settings.wecomQuotaPerDay();
        this.quotaPerMonth = settings.wecomQuotaPerMonth();
        this.calendar = calendar;
        this.defaultZone = config.timeZone();
        if (windows.stream().allMatch(w -> openPieces(w).isEmpty())) {
            throw new IllegalStateException("every send window lies inside the quiet hours " + quietHours);
        }
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    public List<SendWindow> windows() {
        return windows;
    }

    Optional<SendWindow> window(String name) {
        return windows.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /** The window a fixed time of day belongs to, if it is in one and not in the quiet hours. */
    Optional<SendWindow> windowAt(LocalTime time) {
        int second = time.toSecondOfDay();
        return windows.stream()
                .filter(w -> openPieces(w).stream().anyMatch(p -> second >= p[0] && second < p[1]))
                .findFirst();
    }

    String describeWindows() {
        return windows.stream().map(SendWindow::toString).reduce((a, b) -> a + ", " + b).orElse("none")
                + (quiet.isEmpty() ? "" : "; quiet hours " + quietHours);
    }

    /** The moment the step asks for, before windows, quiet hours, holidays and the cap have their say. */
    Instant planned(SopStep step, Instant capturedAt, Instant previousAt, ZoneId zone) {
        var captureDay = capturedAt.atZone(zone).toLocalDate();
        Instant base = previousAt == null ? capturedAt : previousAt;
        return switch (step.timing()) {
            case DAY_AT_WINDOW, DAY_AT_TIME -> captureDay.plusDays(step.dayOffset()).atTime(timeOfDay(step))
                    .atZone(zone).toInstant();
            case AFTER_PREVIOUS -> base.plus(Duration.parse(step.delayAfter()));
            case AT_DATE_TIME -> LocalDateTime.parse(step.atLocal()).atZone(zone).toInstant();
            case WEEKLY -> {
                var day = base.atZone(zone).toLocalDate().plusDays(1);
                while (!step.weekdaySet().contains(day.getDayOfWeek())) {
                    day = day.plusDays(1);
                }
                yield day.atTime(timeOfDay(step)).atZone(zone).toInstant();
            }
        };
    }

    /** When the step may go out: its planned moment, or the first allowed one after it (or after now). */
    Slot schedule(SopStep step, Instant capturedAt, Instant previousAt, Instant now, ZoneId zone,
                  Collection<Instant> sent) {
        Instant planned = planned(step, capturedAt, previousAt, zone);
        var allowed = nextAllowed(planned.isBefore(now) ? now : planned, zone, sent, step.sendWindow());
        if (planned.isBefore(now)) {
            String text = "its planned moment " + planned.atZone(zone).toLocalDateTime() + " had passed"
                    + (allowed.moved() ? "; " + allowed.moveReason() : "");
            return new Slot(planned, allowed.dueAt(), new Why(ShiftReason.PLANNED_MOMENT_PASSED, text));
        }
        return new Slot(planned, allowed.dueAt(), allowed.why());
    }

    /**
     * The first moment at or after {@code from} when a push may go to a customer in {@code zone} who was already
     * sent the pushes at {@code sent}, within the named window (or any window).
     */
    Slot nextAllowed(Instant from, ZoneId zone, Collection<Instant> sent, String windowName) {
        var allowedWindows = ANY_WINDOW.equals(windowName) || windowName == null ? windows
                : windows.stream().filter(w -> w.name().equals(windowName)).toList();
        if (allowedWindows.isEmpty()) {
            throw new IllegalStateException("no send window named " + windowName + " (configured: "
                    + describeWindows() + ")");
        }
        var sentDays = sent.stream().map(at -> at.atZone(zone).toLocalDate()).toList();
        LocalDateTime start = from.atZone(zone).toLocalDateTime();
        Why reason = null;
        for (int d = 0; d < HORIZON_DAYS; d++) {
            LocalDate day = start.toLocalDate().plusDays(d);
            if (calendar.isHoliday(day)) {
                reason = reason == null ? new Why(ShiftReason.HOLIDAY, "holiday " + day) : reason;
                continue;
            }
            Why capped = capReached(day, sentDays);
            if (capped != null) {
                reason = reason == null ? capped : reason;
                continue;
            }
            for (SendWindow window : allowedWindows) {
                for (int[] piece : openPieces(window)) {
                    var at = firstIn(piece, day, d == 0 ? start : null, zone, from);
                    if (at.isPresent()) {
                        boolean moved = !at.get().equals(from);
                        return new Slot(from, at.get(), moved ? (reason == null ? whyNotAt(start) : reason) : null);
                    }
                }
            }
            reason = reason == null ? whyNotAt(start) : reason;
        }
        throw new IllegalStateException("no allowed send moment within " + HORIZON_DAYS + " days of " + from);
    }

    private Optional<Instant> firstIn(int[] piece, LocalDate day, LocalDateTime notBefore, ZoneId zone, Instant from) {
        LocalDateTime pieceStart = day.atStartOfDay().plusSeconds(piece[0]);
        LocalDateTime pieceEnd = day.atStartOfDay().plusSeconds(piece[1]);
        LocalDateTime local = notBefore != null && notBefore.isAfter(pieceStart) ? notBefore : pieceStart;
        if (!local.isBefore(pieceEnd)) {
            return Optional.empty();
        }
        ZonedDateTime zoned = local.atZone(zone);
        // a wall-clock time skipped by a DST change resolves later; it must still be inside the piece
        if (!zoned.toLocalDateTime().isBefore(pieceEnd) || !zoned.toLocalDate().equals(day)) {
            return Optional.empty();
        }
        if (zoned.toInstant().isBefore(from)) {
            zoned = zoned.withLaterOffsetAtOverlap();
        }
        return zoned.toInstant().isBefore(from) ? Optional.empty() : Optional.of(zoned.toInstant());
    }

    private Why whyNotAt(LocalDateTime start) {
        int second = start.toLocalTime().toSecondOfDay();
        boolean inQuiet = quiet.stream().anyMatch(q -> second >= q[0] && second < q[1]);
        return inQuiet ? new Why(ShiftReason.QUIET_HOURS, "quiet hours " + quietHours)
                : new Why(ShiftReason.OUTSIDE_SEND_WINDOWS, "outside the send windows");
    }

    /**
     * The first opening of the named window strictly after {@code after} on the calendar of {@code zone}: the start
     * of the window's first piece outside the quiet hours, and the end of its last.
     */
    Opening nextOpening(String windowName, ZoneId zone, Instant after) {
        var window = window(windowName).orElseThrow(() -> new IllegalArgumentException("no send window " + windowName));
        var pieces = openPieces(window);
        if (pieces.isEmpty()) {
            throw new IllegalStateException("send window " + window + " lies inside the quiet hours " + quietHours);
        }
        var day = after.atZone(zone).toLocalDate().minusDays(1);
        for (int d = 0; d < 3; d++, day = day.plusDays(1)) {
            Instant opens = day.atStartOfDay().plusSeconds(pieces.get(0)[0]).atZone(zone).toInstant();
            if (opens.isAfter(after)) {
                Instant closes = day.atStartOfDay().plusSeconds(pieces.get(pieces.size() - 1)[1]).atZone(zone).toInstant();
                return new Opening(windowName, zone, opens, closes);
            }
        }
        throw new IllegalStateException("no opening of " + window + " within two days of " + after);
    }

    private Why capReached(LocalDate day, List<LocalDate> sentDays) {
        if (capPerDay != null && sentDays.stream().filter(day::equals).count() >= capPerDay) {
            return new Why(ShiftReason.CAP_PER_DAY, "frequency cap " + capPerDay + " per day");
        }
        if (capPerWeek != null && sentDays.stream().filter(s -> sameWeek(s, day)).count() >= capPerWeek) {
            return new Why(ShiftReason.CAP_PER_WEEK, "frequency cap " + capPerWeek + " per week");
        }
        if (capDaysPerMonth != null && !sentDays.contains(day)) {
            var daysThisMonth = new HashSet<LocalDate>();
            sentDays.stream().filter(s -> s.getYear() == day.getYear() && s.getMonth() == day.getMonth())
                    .forEach(daysThisMonth::add);
            if (daysThisMonth.size() >= capDaysPerMonth) {
                return new Why(ShiftReason.CAP_DAYS_PER_MONTH, "frequency cap " + capDaysPerMonth + " days per month");
            }
        }
        if (quotaPerDay != null && sentDays.stream().filter(day::equals).count() >= quotaPerDay) {
            return new Why(ShiftReason.WECOM_QUOTA_PER_DAY, "WeCom's quota of " + quotaPerDay
                    + " mass-send(s) per customer per day");
        }
        if (quotaPerMonth != null && sentDays.stream()
                .filter(s -> s.getYear() == day.getYear() && s.getMonth() == day.getMonth()).count() >= quotaPerMonth) {
            return new Why(ShiftReason.WECOM_QUOTA_PER_MONTH, "WeCom's quota of " + quotaPerMonth
                    + " mass-sends per customer per month");
        }
        return null;
    }

    private static boolean sameWeek(LocalDate a, LocalDate b) {
        return a.get(IsoFields.WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_BASED_YEAR)
                && a.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) == b.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    }

    private LocalTime timeOfDay(SopStep step) {
        if (step.atTime() != null) {
            return LocalTime.parse(step.atTime());
        }
        return window(step.sendWindow()).map(SendWindow::opens).orElseThrow(() -> new IllegalStateException(
                "step " + step.stepNo() + " of " + step.planKey() + " has no time of day and no window"));
    }

    /** The window minus the quiet hours, as [from, to) seconds of the day. */
    private List<int[]> openPieces(SendWindow window) {
        var pieces = new ArrayList<int[]>();
        pieces.add(new int[]{window.opens().toSecondOfDay(), window.closes().toSecondOfDay()});
        for (int[] q : quiet) {
            var next = new ArrayList<int[]>();
            for (int[] p : pieces) {
                if (q[1] <= p[0] || q[0] >= p[1]) {
                    next.add(p);
                    continue;
                }
                if (q[0] > p[0]) {
                    next.add(new int[]{p[0], q[0]});
                }
                if (q[1] < p[1]) {
                    next.add(new int[]{q[1], p[1]});
                }
            }
            pieces = next;
        }
        return pieces;
    }

    private static List<int[]> parseQuiet(String range) {
        if (range == null || range.isBlank()) {
            return List.of();
        }
        var window = range.split("-");
        if (window.length != 2) {
            throw new IllegalArgumentException("quiet hours must look like 22:00-07:00, not '" + range + "'");
        }
        int from = LocalTime.parse(window[0].trim()).toSecondOfDay();
        int to = LocalTime.parse(window[1].trim()).toSecondOfDay();
        return from < to ? List.of(new int[]{from, to})
                : List.of(new int[]{from, SECONDS_PER_DAY}, new int[]{0, to});
    }

    /** One opening of a send window on one calendar: [opens, closes). */
    public record Opening(String window, ZoneId zone, Instant opens, Instant closes) {
    }

    /** What the plan asked for, when the push may go, and why those differ (null when they do not). */
    record Slot(Instant plannedAt, Instant dueAt, Why why) {

        boolean moved() {
            return why != null;
        }

        String moveReason() {
            return why == null ? null : why.text();
        }

        ShiftReason reason() {
            return why == null ? null : why.reason();
        }
    }

    /** The first rule that moved a push, and the same in words with its figures. */
    record Why(ShiftReason reason, String text) {
    }
}
