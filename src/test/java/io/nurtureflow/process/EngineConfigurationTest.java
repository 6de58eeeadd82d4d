package io.nurtureflow.process;

import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.TestDatabase;
import org.apache.ibatis.session.SqlSessionFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import javax.xml.datatype.DatatypeFactory;
import java.sql.Connection;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine runs as production needs it, on the database this half of the suite claims to use. */
@ServiceTest
class EngineConfigurationTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;
    @Autowired
    SqlSessionFactory mappers;
    @Autowired
    org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties settings;

    @Test
    void historyIsAuditWithATimeToLiveAndACleanupWindow() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.getHistory()).isEqualTo("audit");
        assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
        assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("start");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().list())
                .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isPositive());
    }

    @Test
    void jobsAreAcquiredByDueDateWithTheMatchingIndex() throws Exception {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        assertThat(configuration.isJobExecutorAcquireByDueDate()).isTrue();
        // tests run with the executor off (jobs run on the simulation clock), so check what production binds
        var jobs = settings.getJobExecution();
        assertThat(jobs.getMaxJobsPerAcquisition()).isEqualTo(16);
        assertThat(jobs.getCorePoolSize()).isEqualTo(4);
        assertThat(jobs.getMaxPoolSize()).isEqualTo(8);
        try (Connection connection = dataSource.getConnection()) {
            assertThat(JobDueDateIndex.exists(connection)).isTrue();
        }
    }

    @Test
    void durationTimersFindTheJdksXmlDatatypesWithoutAClasspathScan() throws Exception {
        assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }

    @Test
    void theDatabaseIsTheOneThisRunIsAbout() throws Exception {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try (Connection connection = dataSource.getConnection()) {
            var metadata = connection.getMetaData();
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            if (TestDatabase.MARIADB) {
                assertThat(metadata.getDriverName()).startsWith("MySQL Connector/J");
                assertThat(metadata.getDatabaseProductVersion()).contains("10.11").contains("MariaDB");
                assertThat(metadata.getURL()).contains("sendFractionalSeconds=false").contains("nullCatalogMeansCurrent=true");
                assertThat(configuration.getDatabaseType()).isEqualTo("mysql");
            } else {
                assertThat(metadata.getDatabaseProductName()).isEqualTo("H2");
            }
        }
    }

    @Test
    void oneMyBatisServesTheEngineAndOurMappers() throws Exception {
        var pom = new Properties();
        try (var in = SqlSessionFactory.class.getResourceAsStream("/META-INF/maven/org.mybatis/mybatis/pom.properties")) {
            pom.load(in);
        }

        assertThat(pom.getProperty("version")).isEqualTo("3.5.19");
        assertThat(mappers.getConfiguration().getClass()).isSameAs(org.apache.ibatis.session.Configuration.class);
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSqlSessionFactory()
                .getConfiguration().getClass().getProtectionDomain().getCodeSource())
                .isEqualTo(org.apache.ibatis.session.Configuration.class.getProtectionDomain().getCodeSource());
    }
}
