package io.nurtureflow.system;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Migration V69: the identifiers of V68's report roll-ups compare exactly on MySQL/MariaDB, as the tables they
 * count from do, so a rep, team or invitee ref groups the same in a report as everywhere else.
 */
@Component
class ExactReportKeys extends ExactColumnsMigration {

    /** Table → its columns that hold an identifier. */
    static final Map<String, List<String>> COLUMNS = columns();

    ExactReportKeys() {
        super("69", "exact ids of the report roll-ups", COLUMNS);
    }

    private static Map<String, List<String>> columns() {
        var columns = new LinkedHashMap<String, List<String>>();
        columns.put("captured_lead", List.of("ref"));
        columns.put("report_lead", List.of("customer_id", "ref", "rep", "team"));
        columns.put("report_lead_step", List.of("customer_id"));
        columns.put("report_funnel_day", List.of("ref", "rep", "team"));
        columns.put("report_task_day", List.of("rep", "team"));
        columns.put("report_issue", List.of("reader"));
        return columns;
    }
}
