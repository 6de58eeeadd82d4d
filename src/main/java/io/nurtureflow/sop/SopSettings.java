package io.nurtureflow.sop;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corp's push rules (nurture.sop.*): named send windows ("07:00-08:00"), quiet hours that may cross midnight,
 * WeCom's per-customer frequency cap (per day, per week, or on at most N days a month; null means no such limit),
 * holidays on which nothing is sent, and the defaults for rep-confirmed steps.
 */
@ConfigurationProperties("nurture.sop")
public record SopSettings(Map<String, String> windows, String quietHours, Integer capPerDay, Integer capPerWeek,
                          Integer capDaysPerMonth, List<LocalDate> holidays, Duration confirmWithin,
                          Duration remindEvery) {

    /** Seeds 000-002: morning, noon and evening are when parents read. */
    static final Map<String, String> DEFAULT_WINDOWS = defaultWindows();

    public SopSettings {
        windows = windows == null || windows.isEmpty() ? DEFAULT_WINDOWS : windows;
        quietHours = quietHours == null ? "22:00-07:00" : quietHours;
        boolean anyCap = capPerDay != null || capPerWeek != null || capDaysPerMonth != null;
        capPerDay = anyCap ? capPerDay : Integer.valueOf(1);
        capPerWeek = anyCap ? capPerWeek : Integer.valueOf(7);
        holidays = holidays == null ? List.of() : holidays;
        confirmWithin = confirmWithin == null ? Duration.ofHours(4) : confirmWithin;
        remindEvery = remindEvery == null ? Duration.ofHours(1) : remindEvery;
    }

    private static Map<String, String> defaultWindows() {
        var windows = new LinkedHashMap<String, String>();
        windows.put("MORNING", "07:00-08:00");
        windows.put("NOON", "12:00-13:00");
        windows.put("EVENING", "18:30-20:00");
        return windows;
    }
}
