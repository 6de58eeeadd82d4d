package io.nurtureflow.process;

import io.nurtureflow.system.FullUnicodeTables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The engine creates its MySQL tables {@code utf8_bin}: 3-byte UTF-8 (no emoji), and blind to trailing spaces, so on
 * MySQL/MariaDB {@code admin } logged into the Camunda webapps as {@code admin} (and found admin's groups and
 * rights) where H2 refuses it. Every engine table is made to hold all of Unicode and compare byte for byte
 * ({@link FullUnicodeTables}), user, group and tenant ids and business keys included. The engine owns
 * {@code ACT_*}, so this runs once it has created or updated them and before anything else uses them, on every
 * start (it changes nothing once done).
 */
@Component
class EngineExactIds extends AbstractProcessEnginePlugin {

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        try (Connection connection = engine.getProcessEngineConfiguration().getDataSource().getConnection()) {
            FullUnicodeTables.make(connection, "ACT\\_");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the engine's tables exact and full Unicode", e);
        }
    }
}
