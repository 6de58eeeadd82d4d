package io.nurtureflow.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLIntegrityConstraintViolationException;

import static org.assertj.core.api.Assertions.assertThat;

/** The converters logback-spring.xml renders every message and stack trace with. */
class MaskedLogLinesTest {

    final LoggerContext logging = new LoggerContext();

    @BeforeEach
    void asLogbackSetsItselfUp() {
        logging.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void closeTheAppenders() {
        logging.stop();
    }

    @Test
    void mobileNumbersAreMaskedInEveryFormTheyAppearIn() {
        String line = message("lead {} (+8613976818027), CRM row 8613976818027, form 15012345678, query phone=%2B8618612345678,"
                + " 手机17700001111。", "13976818027");

        assertThat(line).isEqualTo("lead 139****8027 (+86139****8027), CRM row 86139****8027, form 150****5678,"
                + " query phone=%2B86186****5678, 手机177****1111。");
    }

    @Test
    void idsTimestampsAndLongerNumbersAreLeftAlone() {
        String line = "at 1732012345678 ulid 01JD3Q0G5XK0Z5N2R4M9T7B8WC order 139768180271 and 20241119139768180271,"
                + " scan 12345678901, instance 6f1c2d3e-4b5a-4c6d-8e7f-139768180270";

        assertThat(message(line)).isEqualTo(line);
    }

    @Test
    void aQuotedValueStaysOnItsLineAndIsShortened() {
        String line = message("WeCom callback rejected (timestamp {}, nonce {})", "1\r\n2026-01-01 INFO forged",
                "n".repeat(2000));

        assertThat(line).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("WeCom callback rejected (timestamp 1\\r\\n2026-01-01 INFO forged, nonce "
                        + "n".repeat(200) + "…(2000 chars))");
    }

    @Test
    void aMessageWithoutArgumentsKeepsItsLinesButNoneStartsALogLine() {
        String line = message("Resolved [bad value 'x\n2026-01-01 INFO forged']");

        assertThat(line).isEqualTo("Resolved [bad value 'x\n\t2026-01-01 INFO forged']");
    }

    @Test
    void aLineBreakInAnExceptionMessageStartsNoLogLine() {
        var stackTrace = new MaskedThrowableConverter();
        stackTrace.setContext(logging);
        stackTrace.start();

        String rendered = stackTrace.convert(event("failed", new IllegalArgumentException("bad 'x\n2026-01-01 INFO forged'")));

        assertThat(rendered).contains("java.lang.IllegalArgumentException: bad 'x\n\t2026-01-01 INFO forged'")
                .doesNotContain("\n2026");
    }

    @Test
    void aPhoneInAnExceptionAndItsCauseIsMasked() {
        var failure = new IllegalStateException("ENGINE-16004 Exception while closing command context: 13976818027",
                new SQLIntegrityConstraintViolationException("Duplicate entry 'PHONE-+8613976818027' for key 'uk_identity'"));
        var stackTrace = new MaskedThrowableConverter();
        stackTrace.setContext(logging);
        stackTrace.start();

        String rendered = stackTrace.convert(event("intake failed", failure));

        assertThat(rendered).doesNotContain("13976818027")
                .contains("java.lang.IllegalStateException: ENGINE-16004 Exception while closing command context: 139****8027")
                .contains("Caused by: java.sql.SQLIntegrityConstraintViolationException: Duplicate entry 'PHONE-+86139****8027'")
                .contains("at io.nurtureflow.system.MaskedLogLinesTest");
    }

    @Test
    void aConfiguredLogFileIsWrittenMasked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nurtureflow.log");
        logging.putProperty("LOG_FILE", file.toString());
        configureFromLogbackSpringXml();

        logging.getLogger("org.camunda.bpm.engine.context").error("ENGINE-16004 Exception while closing command context",
                new IllegalStateException("Duplicate entry 'PHONE-+8613976818027' for key 'uk_identity'"));

        assertThat(Files.readString(file)).doesNotContain("13976818027")
                .contains("ERROR").contains("ENGINE-16004").contains("Duplicate entry 'PHONE-+86139****8027'");
    }

    @Test
    void withoutALogFileOnlyTheConsoleIsWrittenTo() throws Exception {
        configureFromLogbackSpringXml();

        var root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("CONSOLE")).isNotNull();
        assertThat(root.getAppender("FILE")).isNull();
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
    }

    private void configureFromLogbackSpringXml() throws Exception {
        var configurator = new JoranConfigurator();
        configurator.setContext(logging);
        configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
        assertThat(logging.getStatusManager().getCopyOfStatusList()).filteredOn(s -> s.getLevel() >= Status.WARN)
                .isEmpty();
    }

    private String message(String pattern, Object... arguments) {
        return new MaskedMessageConverter().convert(event(pattern, null, arguments));
    }

    private LoggingEvent event(String message, Throwable failure, Object... arguments) {
        var logger = logging.getLogger("org.camunda.bpm.engine.context");
        return new LoggingEvent(getClass().getName(), logger, Level.ERROR, message, failure, arguments);
    }
}
