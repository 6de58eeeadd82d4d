package io.nurtureflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        if (!isMySql(connection)) {
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
        var keys = ForeignKeys.dropWhere(connection, changing::contains);
        for (var table : changes.entrySet()) {
            ForeignKeys.execute(connection, "alter table " + table.getKey() + " " + String.join(", ", table.getValue()));
        }
        keys.restore();
    }

    static boolean isMySql(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return "MySQL".equalsIgnoreCase(product) || "MariaDB".equalsIgnoreCase(product);
    }

    static String noPadBinary(Connection connection) throws SQLException {
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
