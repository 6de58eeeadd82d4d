package io.nurtureflow.sop;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One stored step of one plan version, as the database holds it. The content is a copy taken when the version
 * was saved. {@code sendWindow} names the window the step keeps to, or {@link SendPolicy#ANY_WINDOW}.
 */
public record SopStep(String planKey, int planVersion, int stepNo, Timing timing, int dayOffset, String sendWindow,
                      String atTime, String delayAfter, String atLocal, String weekdays, Long contentId,
                      String contentText, String attachments, String tagsInclude, String tagsExclude,
                      boolean stopsPlan, Delivery delivery) {

    Set<DayOfWeek> weekdaySet() {
        var days = EnumSet.noneOf(DayOfWeek.class);
        csv(weekdays).forEach(day -> days.add(DayOfWeek.valueOf(day)));
        return days;
    }

    List<String> includeTags() {
        return csv(tagsInclude);
    }

    List<String> excludeTags() {
        return csv(tagsExclude);
    }

    /** Include: the customer has at least one of the tags (or none are listed); exclude: has none of them. */
    boolean addresses(Set<String> customerTags) {
        boolean included = includeTags().isEmpty() || includeTags().stream().anyMatch(customerTags::contains);
        return included && excludeTags().stream().noneMatch(customerTags::contains);
    }

    static List<String> csv(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
