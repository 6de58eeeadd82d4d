package io.nurtureflow.system;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Migration V51. Identities, event ids, live codes, usernames and WeCom ids are compared byte for byte on
 * MySQL/MariaDB too ({@link ExactColumns}): there {@code oZyXwV-Case1} and {@code ozyxwv-case1 } would otherwise be
 * one customer, and two on H2.
 */
@Component
class ExactIdentifiers extends ExactColumnsMigration {

    /** Table → its columns that hold an identifier. */
    static final Map<String, List<String>> COLUMNS = columns();

    ExactIdentifiers() {
        super("51", "exact identifiers", COLUMNS);
    }

    private static Map<String, List<String>> columns() {
        var columns = new LinkedHashMap<String, List<String>>();
        columns.put("customer_identity", List.of("id_value"));
        columns.put("customer_merge_identity", List.of("id_value"));
        columns.put("captured_lead", List.of("phone", "unionid", "external_user_id", "email", "assigned_rep"));
        columns.put("behaviour_event", List.of("event_id", "customer_ref"));
        columns.put("channel", List.of("code", "created_by", "wecom_config_id"));
        columns.put("channel_staff", List.of("rep"));
        columns.put("channel_staff_slot", List.of("rep"));
        columns.put("channel_staff_day", List.of("rep"));
        columns.put("staff_profile", List.of("rep"));
        columns.put("scan", List.of("assigned_rep", "visitor", "ref"));
        columns.put("customer", List.of("owner_rep"));
        columns.put("owner_change", List.of("from_rep", "to_rep", "changed_by"));
        columns.put("customer_merge", List.of("merged_by", "survivor_owner", "undone_by"));
        columns.put("purchase", List.of("order_ref"));
        columns.put("follow_up_task", List.of("rep"));
        columns.put("push_outbox", List.of("sender_rep", "wecom_msg_id"));
        columns.put("push_batch", List.of("sender_rep", "wecom_msg_id"));
        columns.put("tracked_link", List.of("token"));
        columns.put("rep_profile", List.of("rep", "sales_lead"));
        columns.put("rep_transfer", List.of("from_rep", "to_rep"));
        columns.put("crm_import", List.of("started_by"));
        columns.put("sop_content", List.of("created_by"));
        columns.put("tag", List.of("wecom_tag_id"));
        columns.put("wecom_callback_receipt", List.of("from_user"));
        return columns;
    }
}
