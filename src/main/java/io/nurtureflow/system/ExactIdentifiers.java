package io.nurtureflow.system;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Migration V51. Identities, event ids, live codes, usernames and WeCom ids are compared byte for byte: on
 * MySQL/MariaDB a column inherits the database's collation, usually case-insensitive and PAD SPACE, so
 * {@code oZyXwV-Case1} and {@code ozyxwv-case1 } would be one customer there and two on H2. A NO PAD binary
 * collation is the schema's own guarantee. Its name differs by server (MariaDB {@code utf8mb4_nopad_bin},
 * MySQL 8 {@code utf8mb4_0900_bin}; MariaDB's {@code utf8mb4_bin} still pads), so this one migration is Java and
 * asks the server which it has. H2 already compares exactly and is left alone.
 */
@Component
class ExactIdentifiers implements JavaMigration {

    private static final List<String> NO_PAD_BINARY = List.of("utf8mb4_nopad_bin", "utf8mb4_0900_bin");

    /** Table → its columns that hold an identifier. */
    static final Map<String, List<String>> COLUMNS = columns();

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

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("51");
    }

    @Override
    public String getDescription() {
        return "exact identifiers";
    }

    @Override
    public Integer getChecksum() {
        return COLUMNS.toString().hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!"MySQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())
                && !"MariaDB".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        String collation = noPadBinary(connection);
        for (var table : COLUMNS.entrySet()) {
            var changes = new ArrayList<String>();
            for (String column : table.getValue()) {
                changes.add("modify column " + column + " " + attribute(connection, table.getKey(), column, "column_type")
                        + " character set utf8mb4 collate " + collation + nullability(connection, table.getKey(), column));
            }
            try (var statement = connection.createStatement()) {
                statement.execute("alter table " + table.getKey() + " " + String.join(", ", changes));
            }
        }
    }

    private static String noPadBinary(Connection connection) throws SQLException {
        for (String candidate : NO_PAD_BINARY) {
            try (var query = connection.prepareStatement(
                    "select count(*) from information_schema.collations where collation_name = ?")) {
                query.setString(1, candidate);
                try (var rows = query.executeQuery()) {
                    if (rows.next() && rows.getInt(1) > 0) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException("This server has none of " + NO_PAD_BINARY
                + ": identifiers cannot be made exact (MariaDB 10.2+ or MySQL 8 is needed).");
    }

    private static String nullability(Connection connection, String table, String column) throws SQLException {
        return "NO".equals(attribute(connection, table, column, "is_nullable")) ? " not null" : " null";
    }

    private static String attribute(Connection connection, String table, String column, String attribute)
            throws SQLException {
        try (var query = connection.prepareStatement("select " + attribute + " from information_schema.columns"
                + " where table_schema = database() and table_name = ? and column_name = ?")) {
            query.setString(1, table);
            query.setString(2, column);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("No column " + table + "." + column + " to make exact.");
                }
                return rows.getString(1);
            }
        }
    }
}
