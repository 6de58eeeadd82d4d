package io.nurtureflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;

/**
 * Makes tables hold and compare all of Unicode on MySQL/MariaDB, as H2 does. Camunda creates its tables
 * {@code utf8} (3 bytes, no emoji): there a name such as 「小明妈妈🌸」 could not be stored, and MariaDB answers a query
 * comparing such a column with an emoji ("Illegal mix of collations") with an error instead of "no match". The
 * tables are converted to {@code utf8mb4} with the NO PAD binary collation of {@link ExactColumns}: one collation
 * for every column, since MariaDB refuses to compare two columns of one character set and different collations
 * (the engine's queries join its exact identifier columns to the others), and byte for byte as on H2. Tables
 * already converted are left alone, so running it again changes nothing.
 */
public final class FullUnicodeTables {

    private FullUnicodeTables() {
    }

    /** Converts the tables whose names start with {@code prefix} (a LIKE pattern) that still hold narrower text. */
    public static void make(Connection connection, String prefix) throws SQLException {
        if (!ExactColumns.isMySql(connection)) {
            return;
        }
        String collation = ExactColumns.noPadBinary(connection);
        var tables = new ArrayList<String>();
        try (var query = connection.prepareStatement("select table_name from information_schema.tables"
                + " where table_schema = database() and table_name like ? and table_collation <> ?"
                + " union select table_name from information_schema.columns where table_schema = database()"
                + " and table_name like ? and collation_name <> ? order by 1")) {
            query.setString(1, prefix + "%");
            query.setString(2, collation);
            query.setString(3, prefix + "%");
            query.setString(4, collation);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        var converting = new HashSet<>(tables);
        var keys = ForeignKeys.dropWhere(connection, column -> converting.contains(column.substring(0, column.indexOf('.'))));
        for (String table : tables) {
            ForeignKeys.execute(connection, "alter table " + table + " convert to character set utf8mb4 collate " + collation);
        }
        keys.restore();
    }
}
