package io.nurtureflow.report;

import java.time.LocalDate;
import java.util.List;

/**
 * The rows a report reads: days {@code from}..{@code to} inclusive, optionally one channel, team or rep, and
 * {@code reps} the caller may see (null: all of them).
 */
record ReportFilter(LocalDate from, LocalDate to, Long channelId, String team, String rep, List<String> reps) {
}
