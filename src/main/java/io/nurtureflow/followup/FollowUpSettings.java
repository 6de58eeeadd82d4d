package io.nurtureflow.followup;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Dates nobody works, whatever their week says (国庆, 春节): a follow-up never falls due on one. Configured as
 * {@code nurture.followup.days-off: [2026-10-01, 2026-10-02]}.
 */
@ConfigurationProperties("nurture.followup")
record FollowUpSettings(List<LocalDate> daysOff) {

    Set<LocalDate> daysOffSet() {
        return daysOff == null ? Set.of() : Set.copyOf(daysOff);
    }
}
