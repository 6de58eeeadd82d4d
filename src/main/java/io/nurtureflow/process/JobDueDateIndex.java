package io.nurtureflow.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * We acquire jobs by due date (a send window's batch jobs fall due together with every follow-up timer); that query needs
 * an index the engine's own schema does not ship. The engine owns its tables, so we add it after the engine
 * has created them rather than in a Flyway migration.
 */
@Component
class JobDueDateIndex {

    private static final Logger log = LoggerFactory.getLogger(JobDueDateIndex.class);
    static final String NAME = "NF_IDX_JOB_DUEDATE";

    private final DataSource dataSource;

    JobDueDateIndex(DataSource dataSource, ProcessEngine engineCreatedFirst) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationStartedEvent.class)
    void ensure() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection)) {
                return;
            }
            try (var statement = connection.createStatement()) {
                statement.execute("create index " + NAME + " on ACT_RU_JOB (DUEDATE_)");
                log.info("created {} on ACT_RU_JOB(DUEDATE_)", NAME);
            }
        }
    }

    static boolean exists(Connection connection) throws SQLException {
        try (var indexes = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, "ACT_RU_JOB", false, false)) {
            while (indexes.next()) {
                if (NAME.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
