package io.nurtureflow.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * MySQL/MariaDB refuse to change the character set of a column on either side of a foreign key, even with the
 * checks off: such keys are dropped for the change and made again, unchanged, once both sides match.
 */
final class ForeignKeys {

    private final Connection connection;
    private final List<Key> dropped;

    private record Key(String table, String name, List<String> columns, String referencedTable,
                       List<String> referencedColumns, String onDelete, String onUpdate) {
    }

    private ForeignKeys(Connection connection, List<Key> dropped) {
        this.connection = connection;
        this.dropped = dropped;
    }

    /** Drops the keys from or to a column ({@code table.column}) the test accepts, to {@link #restore()} them. */
    static ForeignKeys dropWhere(Connection connection, Predicate<String> column) throws SQLException {
        var keys = new LinkedHashMap<String, Key>();
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
                String name = rows.getString(2);
                String referenced = rows.getString(4);
                String onDelete = rows.getString(6);
                String onUpdate = rows.getString(7);
                var key = keys.computeIfAbsent(table + "." + name, k -> new Key(table, name, new ArrayList<>(),
                        referenced, new ArrayList<>(), onDelete, onUpdate));
                key.columns().add(rows.getString(3));
                key.referencedColumns().add(rows.getString(5));
            }
        }
        var affected = keys.values().stream().filter(key -> key.columns().stream()
                        .anyMatch(c -> column.test(key.table() + "." + c))
                || key.referencedColumns().stream().anyMatch(c -> column.test(key.referencedTable() + "." + c)))
                .toList();
        for (var key : affected) {
            execute(connection, "alter table " + key.table() + " drop foreign key " + key.name());
        }
        return new ForeignKeys(connection, affected);
    }

    void restore() throws SQLException {
        for (var key : dropped) {
            execute(connection, "alter table " + key.table() + " add constraint " + key.name() + " foreign key ("
                    + String.join(", ", key.columns()) + ") references " + key.referencedTable() + " ("
                    + String.join(", ", key.referencedColumns()) + ") on delete " + key.onDelete() + " on update "
                    + key.onUpdate());
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
