package io.nurtureflow.system;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Migration V60: the WeCom relations and contact imports of V59 compare their external user ids and usernames byte
 * for byte on MySQL/MariaDB too, as V51 made every other identifier ({@link ExactIdentifiers}).
 */
@Component
class ExactWeComIds extends ExactColumnsMigration {

    /** Table → its columns that hold an identifier. */
    static final Map<String, List<String>> COLUMNS = columns();

    ExactWeComIds() {
        super("60", "exact wecom ids", COLUMNS);
    }

    private static Map<String, List<String>> columns() {
        var columns = new LinkedHashMap<String, List<String>>();
        columns.put("wecom_follow", List.of("external_user_id", "rep"));
        columns.put("wecom_import", List.of("started_by"));
        columns.put("wecom_import_error", List.of("rep", "external_user_id"));
        return columns;
    }
}
