package io.nurtureflow.system;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Migration V56: what V51 left comparing loosely on MySQL/MariaDB. A customer id wherever it is kept (a lookup of
 * {@code C…} must not find {@code c…} or {@code C… }), the engine ids we keep, and the keys admins name things by
 * (tags, tag groups, SOP plan keys), so {@code VIP} and {@code vip} are two tags there as on H2.
 */
@Component
class ExactKeys extends ExactColumnsMigration {

    /** Table → its columns that hold a customer id, an engine id or a key. */
    static final Map<String, List<String>> COLUMNS = columns();

    ExactKeys() {
        super("56", "exact customer ids and keys", COLUMNS);
    }

    private static Map<String, List<String>> columns() {
        var columns = new LinkedHashMap<String, List<String>>();
        columns.put("customer", List.of("id", "merged_into", "lifecycle_instance_id"));
        columns.put("customer_identity", List.of("customer_id"));
        columns.put("captured_lead", List.of("customer_id"));
        columns.put("touchpoint", List.of("customer_id"));
        columns.put("timeline_entry", List.of("customer_id"));
        columns.put("customer_tag", List.of("customer_id", "tag"));
        columns.put("customer_merge", List.of("survivor_id", "merged_id", "ended_lifecycle", "moved_lifecycle"));
        columns.put("customer_merge_tag", List.of("tag"));
        columns.put("owner_change", List.of("customer_id"));
        columns.put("purchase", List.of("customer_id"));
        columns.put("behaviour_event", List.of("customer_id"));
        columns.put("engagement_score", List.of("customer_id"));
        columns.put("follow_up_task", List.of("task_id", "customer_id"));
        columns.put("rep_transfer", List.of("customer_id"));
        columns.put("opt_out", List.of("customer_id"));
        columns.put("tag", List.of("name", "group_name"));
        columns.put("tag_group", List.of("name"));
        columns.put("channel_tag", List.of("tag"));
        columns.put("behaviour_tag_rule", List.of("tag"));
        columns.put("tag_sync", List.of("customer_id"));
        columns.put("sop_plan", List.of("plan_key"));
        columns.put("sop_step", List.of("plan_key"));
        columns.put("sop_channel_plan", List.of("plan_key"));
        columns.put("sop_customer_zone", List.of("customer_id"));
        columns.put("sop_enrolment", List.of("customer_id", "plan_key"));
        columns.put("push_outbox", List.of("customer_id", "plan_key", "claimed_by"));
        columns.put("push_batch", List.of("plan_key", "claimed_by"));
        columns.put("tracked_link", List.of("customer_id"));
        columns.put("wecom_callback_receipt", List.of("digest"));
        return columns;
    }
}
