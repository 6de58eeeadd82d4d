package io.nurtureflow.system;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A Flyway migration that makes these identifier columns exact ({@link ExactColumns}); Java, as the collation's name depends on the server. */
abstract class ExactColumnsMigration implements JavaMigration {

    private final String version;
    private final String description;
    private final Map<String, List<String>> columns;

    ExactColumnsMigration(String version, String description, Map<String, List<String>> columns) {
        this.version = version;
        this.description = description;
        this.columns = columns;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return columns.toString().hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        ExactColumns.make(context.getConnection(), columns);
    }
}
