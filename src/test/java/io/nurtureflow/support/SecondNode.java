package io.nurtureflow.support;

import io.nurtureflow.NurtureFlowApplication;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The service as a second OS process on the MariaDB test database, with its job executor on, so a test can kill it
 * (SIGKILL) at a moment of its choosing. The node's clock starts at an instant the test names: the test timeline
 * lies years away from the wall clock, further than the simulation endpoint moves in one step, and a node started on
 * the wall clock would first register send windows in the timeline's past.
 */
public final class SecondNode {

    private static final String CLOCK_AT = "nurture.test.node-clock-at";

    private SecondNode() {
    }

    /** Runs in the second JVM: the engine clock first, then the application exactly as in production. */
    public static void main(String[] args) {
        Instant at = Instant.parse(System.getProperty(CLOCK_AT));
        ClockUtil.offset(at.toEpochMilli() - System.currentTimeMillis());
        NurtureFlowApplication.main(args);
    }

    /** Starts the node on this JVM's class path; its output goes to {@code log}. */
    public static Process start(Instant clockAt, Path log, List<String> arguments) throws IOException {
        Files.createDirectories(log.getParent());
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small, quickly started JVM: it lives for one send window
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-D" + CLOCK_AT + "=" + clockAt,
                "-cp", classPath(), SecondNode.class.getName(),
                "--spring.profiles.active=test,test-mariadb",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=" + TestDatabase.USER,
                "--spring.datasource.password=" + TestDatabase.PASSWORD,
                // a live node: its job executor takes what falls due, as in production
                "--camunda.bpm.job-execution.enabled=true"));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * This JVM's class path without empty entries: surefire's ends in a separator, and an empty entry is the working
     * directory, whose processes/ folder would then be deployed a second time beside target/classes/processes/.
     */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
    }

    /** The end of the node's output, for a failure message. */
    public static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
