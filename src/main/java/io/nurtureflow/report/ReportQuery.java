package io.nurtureflow.report;

import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/** A report request's parameters: days (ISO dates, both optional), channel id, team, rep and breakdown. */
record ReportQuery(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                   @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                   Long channel, String team, String rep, Breakdown by) {

    Breakdown by(Breakdown otherwise) {
        return by == null ? otherwise : by;
    }
}
