package io.nurtureflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes identifier columns compare byte for byte on MySQL/MariaDB, as they do on H2. There a column takes its
 * table's collation: the database default is case-insensitive and PAD SPACE, and even the engine's {@code utf8_bin}
 * ignores trailing spaces, so {@code li.lei} and {@code li.lei } are one value. A NO PAD binary collation is the
 * schema's own guarantee. Its name differs by server (MariaDB {@code utf8mb4_nopad_bin}, MySQL 8
 * {@code utf8mb4_0900_bin}; MariaDB's {@code utf8mb4_bin} still pads), so the server is asked which it has.
 * Columns already exact are left alone, so running it again changes nothing. H2 already compares exactly.
 */
public final class ExactColumns {

    /** The collations that compare byte for byte without padding, one of which the server has. */
    public static final List<String> NO_PAD_BINARY = List.of("utf8mb4_nopad_bin", "utf8mb4_0900_bin");

    private ExactColumns() {
    }

    /** @param columns table → its columns that hold an identifier */
    public static void make(Connection connection, Map<String, List<String>> columns) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        if (!"MySQL".equalsIgnoreCase(product) && !"MariaDB".equalsIgnoreCase(product)) {
            return;
        }
        String collation = noPadBinary(connection);
        var changes = new LinkedHashMap<String, List<String>>();
        var changing = new HashSet<String>();
        for (var table : columns.entrySet()) {
            for (String column : table.getValue()) {
                if (!collation.equals(attribute(connection, table.getKey(), column, "collation_name"))) {
                    changing.add(table.getKey() + "." + column);
                    changes.computeIfAbsent(table.getKey(), t -> new ArrayList<>()).add("modify column " + column + " "
                            + attribute(connection, table.getKey(), column, "column_type")
                            + " character set utf8mb4 collate " + collation
                            + nullability(connection, table.getKey(), column));
                }
            }
        }
        // a column on either side of a foreign key (the engine's memberships refer to users and groups) may not
        // change its character set, even with the checks off: such keys go, and come back once both sides match
        var keys = foreignKeysOn(connection, changing);
        for (var key : keys) {
            execute(connection, "alter table " + key.table() + " drop foreign key " + key.name());
        }
        for (var table : changes.entrySet()) {
            execute(connection, "alter table " + table.getKey() + " " + String.join(", ", table.getValue()));
        }
        for (var key : keys) {
            execute(connection, "alter table " + key.table() + " add constraint " + key.name() + " foreign key ("
                    + String.join(", ", key.columns()) + ") references " + key.referencedTable() + " ("
                    + String.join(", ", key.referencedColumns()) + ") on delete " + key.onDelete() + " on update "
                    + key.onUpdate());
        }
    }

    private record ForeignKey(String table, String name, List<String> columns, String referencedTable,
                              List<String> referencedColumns, String onDelete, String onUpdate) {
    }

    /** The foreign keys from or to one of these columns ({@code table.column}). */
    private static List<ForeignKey> foreignKeysOn(Connection connection, Set<String> columns) throws SQLException {
        var keys = new LinkedHashMap<String, ForeignKey>();
        try (var query = connection.prepareStatement("select k.table_name, k.constraint_name, k.column_name,"
                + " k.referenced_table_name, k.referenced_column_name, r.delete_rule, r.update_rule"
                + " from information_schema.key_column_usage k join information_schema.referential_constraints r"
                + " on r.constraint_schema = k.constraint_schema and r.table_name = k.table_name"
                + " and r.constraint_name = k.constraint_name"
                + " where k.table_schema = database() and k.referenced_table_name is not null"
                + " order by k.table_name, k.constraint_name, k.ordinal_position");
             var rows = query.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                String referenced = rows.getString(4);
                String name = rows.getString(2);
                String onDelete = rows.getString(6);
                String onUpdate = rows.getString(7);
                var key = keys.computeIfAbsent(table + "." + name, k -> new ForeignKey(table, name, new ArrayList<>(),
                        referenced, new ArrayList<>(), onDelete, onUpdate));
                key.columns().add(rows.getString(3));
                key.referencedColumns().add(rows.getString(5));
            }
        }
        return keys.values().stream().filter(key -> key.columns().stream()
                        .anyMatch(column -> columns.contains(key.table() + "." + column))
                || key.referencedColumns().stream()
                        .anyMatch(column -> columns.contains(key.referencedTable() + "." + column))).toList();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
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
