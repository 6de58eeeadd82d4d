package io.nurtureflow.support;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The engine clock of a test run starts at an instant drawn from a seed, so no test passes or fails by the weekday
 * or hour the suite happens to run at, and a failure on one instant can be repeated. The seed is random per run and
 * printed; {@code -Dnurture.test.clock-seed=N} (through Maven too) repeats a run's instant.
 *
 * <p>Service tests share one Spring context and so one timeline: the clock only ever moves forward for them, even
 * when a process test between two of them reset the engine's clock to the wall clock.
 */
public final class SeededClock implements BeforeAllCallback, AfterAllCallback {

    /** Instants are drawn from these four years: every weekday, hour, month end and leap day comes up. */
    private static final Instant EARLIEST = Instant.parse("2027-01-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(4 * 365 + 1);

    public static final long SEED = seed();
    public static final Instant START = EARLIEST.plusMillis(new SplittableRandom(SEED).nextLong(SPAN.toMillis()));

    private static Instant highWater = START;

    static {
        var shanghai = START.atZone(ZoneId.of("Asia/Shanghai"));
        System.out.println("*** Test clock: seed " + SEED + ", the engine clock starts at " + START + " ("
                + shanghai.format(DateTimeFormatter.ofPattern("EEEE HH:mm", Locale.ROOT)) + " in Shanghai)."
                + " Repeat with -Dnurture.test.clock-seed=" + SEED);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        resume();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        pause();
    }

    /** Sets the engine clock to where this run's shared timeline stands, never earlier. */
    public static synchronized Instant resume() {
        if (ClockUtil.now().toInstant().isBefore(highWater)) {
            moveTo(highWater);
        }
        return ClockUtil.now().toInstant();
    }

    /** Remembers where the shared timeline stands before another kind of test may reset the engine clock. */
    public static synchronized void pause() {
        Instant now = ClockUtil.now().toInstant();
        if (now.isAfter(highWater)) {
            highWater = now;
        }
    }

    /** For tests with an engine of their own: the clock at this run's start instant. */
    public static void startFresh() {
        moveTo(START);
    }

    public static void moveTo(Instant at) {
        ClockUtil.offset(at.toEpochMilli() - System.currentTimeMillis());
    }

    private static long seed() {
        String given = System.getProperty("nurture.test.clock-seed", "");
        return given.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(given.trim());
    }
}
