package io.nurtureflow.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.ActiveProfilesResolver;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Which database this run of the suite uses. Surefire runs the whole suite on H2, then every {@link
 * DatabaseTest} again on MariaDB (system property nurture.test.db=mariadb). In CI an unreachable MariaDB
 * fails the run; on a newcomer's machine without one the MariaDB half is skipped, and says so.
 */
public final class TestDatabase {

    public static final boolean MARIADB = "mariadb".equals(System.getProperty("nurture.test.db", "h2"));
    private static final String SERVER = env("NURTURE_TEST_MARIADB_SERVER", "jdbc:mysql://127.0.0.1:3306/");
    public static final String NAME = env("NURTURE_TEST_MARIADB_DATABASE", "nurture_test");
    public static final String USER = env("NURTURE_TEST_MARIADB_USER", "root");
    public static final String PASSWORD = env("NURTURE_TEST_MARIADB_PASSWORD", "");
    private static final String FLAGS = "?sendFractionalSeconds=false&nullCatalogMeansCurrent=true&characterEncoding=UTF-8";

    private static Boolean prepared;

    private TestDatabase() {
    }

    public static String jdbcUrl() {
        return SERVER + NAME + FLAGS;
    }

    public static String describe() {
        return MARIADB ? "MariaDB " + SERVER + NAME : "H2";
    }

    /** Drops and creates the test database once per JVM, so every run of the MariaDB half starts clean. */
    static synchronized boolean prepareMariaDb() {
        if (prepared == null) {
            try (var connection = DriverManager.getConnection(SERVER + FLAGS, USER, PASSWORD);
                 var statement = connection.createStatement()) {
                statement.execute("drop database if exists `" + NAME + "`");
                statement.execute("create database `" + NAME + "` character set utf8mb4 collate utf8mb4_unicode_ci");
                prepared = true;
            } catch (SQLException e) {
                System.err.println("\n*** SKIPPED the MariaDB half of the suite: no MariaDB at " + SERVER + " ("
                        + e.getMessage() + "). Only H2 was tested. Start MariaDB or run .ci/run to test both.\n");
                prepared = false;
            }
        }
        return prepared;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Skips (on a laptop) or fails (in CI) the MariaDB half when there is no MariaDB. */
    public static final class Available implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!MARIADB) {
                return ConditionEvaluationResult.enabled("H2 run");
            }
            if (prepareMariaDb()) {
                return ConditionEvaluationResult.enabled("MariaDB at " + SERVER + NAME);
            }
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("CI: MariaDB must be reachable at " + SERVER
                        + " (set NURTURE_TEST_MARIADB_SERVER); the MariaDB half of the suite may not be skipped.");
            }
            return ConditionEvaluationResult.disabled("SKIPPED the MariaDB half: no MariaDB at " + SERVER
                    + ". Start one (or run .ci/run) to test on MariaDB too.");
        }
    }

    /** Spring profiles for the database of this run. */
    public static final class Profiles implements ActiveProfilesResolver {

        @Override
        public String[] resolve(Class<?> testClass) {
            return new String[]{"simulation", "test", MARIADB ? "test-mariadb" : "test-h2"};
        }
    }
}
