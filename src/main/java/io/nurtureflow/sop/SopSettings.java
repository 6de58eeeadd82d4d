package io.nurtureflow.sop;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The corp's push rules (nurture.sop.*): named send windows ("07:00-08:00"), quiet hours that may cross midnight,
 * the corp's per-customer frequency cap (per day, per week, or on at most N days a month; null means no such limit),
 * WeCom's own quota of corp mass-sends a customer can receive (per day and per natural month; WeCom has changed
 * it over the years, from 4 a month to 1 a day, so it is configured, not built in), how often an open window picks up pushes that fell due meanwhile, and how long before a window closes the
 * reps who have not confirmed their mass-sends are reminded.
 */
@ConfigurationProperties("nurture.sop")
public record SopSettings(Map<String, String> windows, String quietHours, Integer capPerDay, Integer capPerWeek,
                          Integer capDaysPerMonth, Integer wecomQuotaPerDay, Integer wecomQuotaPerMonth,
                          Duration pickupEvery, Duration remindBefore) {

    /** Seeds 000-002: morning, noon and evening are when parents read. */
    static final Map<String, String> DEFAULT_WINDOWS = defaultWindows();

    public SopSettings {
        windows = windows == null || windows.isEmpty() ? DEFAULT_WINDOWS : windows;
        quietHours = quietHours == null ? "22:00-07:00" : quietHours;
        boolean anyCap = capPerDay != null || capPerWeek != null || capDaysPerMonth != null;
        capPerDay = anyCap ? capPerDay : Integer.valueOf(1);
        capPerWeek = anyCap ? capPerWeek : Integer.valueOf(7);
        wecomQuotaPerDay = wecomQuotaPerDay == null && wecomQuotaPerMonth == null ? Integer.valueOf(1) : wecomQuotaPerDay;
        pickupEvery = pickupEvery == null ? Duration.ofMinutes(15) : pickupEvery;
        remindBefore = remindBefore == null ? Duration.ofMinutes(15) : remindBefore;
    }

    private static Map<String, String> defaultWindows() {
        var windows = new LinkedHashMap<String, String>();
        windows.put("MORNING", "07:00-08:00");
        windows.put("NOON", "12:00-13:00");
        windows.put("EVENING", "18:30-20:00");
        return windows;
    }
}
