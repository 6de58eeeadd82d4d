package io.nurtureflow.system;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Migration V74: the identifiers of the push shift log (V70) and the SOP step roll-ups (V71) compare exactly on
 * MySQL/MariaDB, as the outbox they count from does, so a plan, rep or team groups the same in the step report as
 * everywhere else.
 */
@Component
class ExactStepKeys extends ExactColumnsMigration {

    /** Table → its columns that hold an identifier. */
    static final Map<String, List<String>> COLUMNS = columns();

    ExactStepKeys() {
        super("74", "exact ids of the push shifts and step roll-ups", COLUMNS);
    }

    private static Map<String, List<String>> columns() {
        var columns = new LinkedHashMap<String, List<String>>();
        columns.put("push_shift", List.of("customer_id", "plan_key", "sender_rep"));
        columns.put("report_step_day", List.of("plan_key", "rep", "team"));
        columns.put("report_step_shift_day", List.of("plan_key", "rep", "team"));
        return columns;
    }
}
