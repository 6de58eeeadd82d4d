package io.nurtureflow.capture;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts scans (and form posts) per address and channel in one-minute windows. Beyond the limit a scan is still answered (a
 * classroom behind one NAT must not lose its leads) but is neither logged nor routed: a flood cannot burn the
 * reps' daily caps or skew the rotation.
 */
@Component
class ScanLimiter {

    /** a flood must not grow the map without end: it is cleared when it gets this big */
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile long window;

    ScanLimiter(Clock clock) {
        this.clock = clock;
    }

    boolean allow(String kind, long channelId, String ipHash, int perMinute) {
        long minute = clock.millis() / 60_000;
        if (minute != window || counts.size() > MAX_KEYS) {
            startWindow(minute);
        }
        return counts.computeIfAbsent(kind + ":" + channelId + ":" + ipHash, k -> new AtomicInteger()).incrementAndGet() <= perMinute;
    }

    private synchronized void startWindow(long minute) {
        if (minute != window || counts.size() > MAX_KEYS) {
            counts.clear();
            window = minute;
        }
    }
}
