package io.nurtureflow.system;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Migration V65: the identifiers of the tables V57–V64 added (but V60's own, {@link ExactWeComIds}) compare exactly
 * on MySQL/MariaDB, as V51 and V56 made the older ones: a lead's code state, WeCom contact and config ids, usernames of reps and of who edited what, the
 * alert keys that keep an alert from being sent twice.
 */
@Component
class ExactContactKeys extends ExactColumnsMigration {

    /** Table → its columns that hold an identifier. */
    static final Map<String, List<String>> COLUMNS = columns();

    ExactContactKeys() {
        super("65", "exact ids of contact, consent, workspace and alert tables", COLUMNS);
    }

    private static Map<String, List<String>> columns() {
        var columns = new LinkedHashMap<String, List<String>>();
        columns.put("lead_contact_way", List.of("state", "rep", "wecom_config_id", "external_user_id"));
        columns.put("privacy_notice", List.of("created_by"));
        columns.put("talk_script", List.of("updated_by"));
        columns.put("rep_alert", List.of("alert_key", "rep", "msg_id"));
        return columns;
    }
}
