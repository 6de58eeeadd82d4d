package io.nurtureflow.support;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;

import java.util.HashMap;
import java.util.Map;

/**
 * A bare engine for process tests, on this run's database, with collaborators mocked: delegates and listeners
 * are looked up in {@link #BEANS}, which each test fills with its mocks.
 */
public final class ProcessTestEngine {

    public static final Map<Object, Object> BEANS = new HashMap<>();
    private static ProcessEngine engine;

    private ProcessTestEngine() {
    }

    /**
     * The extension for a process test class. Test classes build it before {@link TestDatabase.Available}
     * decides; with no MariaDB in the MariaDB half it holds no engine, and the condition then skips the class
     * (or, in CI, fails it).
     */
    public static ProcessEngineExtension extension() {
        if (TestDatabase.MARIADB && !TestDatabase.prepareMariaDb()) {
            return new ProcessEngineExtension();
        }
        return ProcessEngineExtension.builder().useProcessEngine(engine()).build();
    }

    /** The one engine every process test class runs on. */
    public static synchronized ProcessEngine engine() {
        if (engine == null) {
            var dataSource = new HikariDataSource();
            if (TestDatabase.MARIADB) {
                dataSource.setJdbcUrl(TestDatabase.jdbcUrl());
                dataSource.setUsername(TestDatabase.USER);
                dataSource.setPassword(TestDatabase.PASSWORD);
            } else {
                dataSource.setJdbcUrl("jdbc:h2:mem:process-tests;MODE=MySQL;DB_CLOSE_DELAY=-1");
            }
            // Camunda refuses MySQL/MariaDB at any other level
            dataSource.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            var configuration = new StandaloneProcessEngineConfiguration();
            configuration.setProcessEngineName("process-tests");
            configuration.setDataSource(dataSource);
            if (TestDatabase.MARIADB) {
                configuration.setDatabaseType("mysql");
            }
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            configuration.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
            configuration.setEnforceHistoryTimeToLive(true);
            configuration.setJobExecutorActivate(false);
            configuration.setBeans(BEANS);
            engine = configuration.buildProcessEngine();
        }
        return engine;
    }
}
