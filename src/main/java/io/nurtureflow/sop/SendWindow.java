package io.nurtureflow.sop;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** A named daily window [opens, closes) on the customer's wall clock. */
public record SendWindow(String name, LocalTime opens, LocalTime closes) {

    /** "07:00-08:00" */
    static SendWindow parse(String name, String range) {
        String[] ends = range.split("-");
        try {
            if (ends.length == 2) {
                var window = new SendWindow(name, LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim()));
                if (window.opens.isBefore(window.closes)) {
                    return window;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below with the offending value
        }
        throw new IllegalArgumentException("send window " + name + " must look like 07:00-08:00 and open before it"
                + " closes, not '" + range + "'");
    }

    boolean contains(LocalTime time) {
        return !time.isBefore(opens) && time.isBefore(closes);
    }

    @Override
    public String toString() {
        return name + " " + opens + "–" + closes;
    }
}
