package io.nurtureflow.process;

import io.nurtureflow.system.ExactColumns;
import io.nurtureflow.system.FullUnicodeTables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine creates its MySQL tables {@code utf8_bin}: case-exact, but blind to trailing spaces, so on
 * MySQL/MariaDB {@code admin } logged into the Camunda webapps as {@code admin} (and found admin's groups and
 * rights) where H2 refuses it. The engine owns {@code ACT_*}, so this runs once it has created or updated them and
 * before anything else uses them, on every start (it changes nothing once done). First the tables take all of
 * Unicode ({@link FullUnicodeTables}): a parent's WeCom name or a message an operator names may hold emoji. A user
 * id and a group id change together with the memberships that refer to them, so the foreign keys between them hold
 * throughout.
 */
@Component
class EngineExactIds extends AbstractProcessEnginePlugin {

    /** Table → its columns that hold a user, group or tenant id, or a business key (our customer id). */
    static final Map<String, List<String>> COLUMNS = columns();

    private static Map<String, List<String>> columns() {
        var columns = new LinkedHashMap<String, List<String>>();
        columns.put("ACT_ID_USER", List.of("ID_"));
        columns.put("ACT_ID_GROUP", List.of("ID_"));
        columns.put("ACT_ID_TENANT", List.of("ID_"));
        columns.put("ACT_ID_MEMBERSHIP", List.of("USER_ID_", "GROUP_ID_"));
        columns.put("ACT_ID_TENANT_MEMBER", List.of("TENANT_ID_", "USER_ID_", "GROUP_ID_"));
        columns.put("ACT_ID_INFO", List.of("USER_ID_"));
        columns.put("ACT_RU_AUTHORIZATION", List.of("USER_ID_", "GROUP_ID_", "RESOURCE_ID_"));
        columns.put("ACT_RU_IDENTITYLINK", List.of("USER_ID_", "GROUP_ID_"));
        columns.put("ACT_RU_TASK", List.of("ASSIGNEE_", "OWNER_"));
        columns.put("ACT_RU_FILTER", List.of("OWNER_"));
        columns.put("ACT_RU_EXECUTION", List.of("BUSINESS_KEY_"));
        // history, which Cockpit and Tasklist query by the same ids
        columns.put("ACT_HI_PROCINST", List.of("BUSINESS_KEY_"));
        columns.put("ACT_HI_TASKINST", List.of("ASSIGNEE_", "OWNER_"));
        columns.put("ACT_HI_ACTINST", List.of("ASSIGNEE_"));
        columns.put("ACT_HI_IDENTITYLINK", List.of("USER_ID_", "GROUP_ID_"));
        columns.put("ACT_HI_OP_LOG", List.of("USER_ID_"));
        columns.put("ACT_HI_COMMENT", List.of("USER_ID_"));
        return columns;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        try (Connection connection = engine.getProcessEngineConfiguration().getDataSource().getConnection()) {
            FullUnicodeTables.make(connection, "ACT\\_");
            ExactColumns.make(connection, COLUMNS);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the engine's user and group ids exact", e);
        }
    }
}
