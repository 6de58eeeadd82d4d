package io.nurtureflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The push-window section of docs/BENCHMARKS.md, replaced whole on each run; the other sections stay. */
final class BenchReport {

    static final String HEADING = "## SOP pushes when a send window opens";

    private final List<PushWindowBench.WindowResult> runs;
    private final PushWindowBench.TimerResult timers;
    private final int reps;
    private final int sample;
    private final String database;

    BenchReport(List<PushWindowBench.WindowResult> runs, PushWindowBench.TimerResult timers, int reps, int sample,
                String database) {
        this.runs = runs;
        this.timers = timers;
        this.reps = reps;
        this.sample = sample;
        this.database = database;
    }

    void write() throws IOException {
        BenchDoc.write(HEADING, section());
    }

    private String section() throws IOException {
        var rows = runs.stream().map(r -> "| %,d | %,d × %,d–%,d | %.1f s | %.1f–%.1f s | %.1f–%.1f s | **%,.0f** | %d | %d | %,d | %d MB |"
                .formatted(r.leads(), r.batches(), r.smallestBatch(), r.largestBatch(), r.seconds(), r.firstBatch(),
                        r.lastBatch(), r.firstSend(), r.lastSend(), r.perSecond(), r.outsideWindow(), r.duplicates(),
                        r.massSends(), r.peakHeapMb()))
                .collect(Collectors.joining("\n"));
        var largest = runs.get(runs.size() - 1);
        String unfinished = runs.stream().filter(r -> !r.finished())
                .map(r -> "%,d leads: not all SENT when the bench gave up (%,d of them)".formatted(r.leads(), r.sent()))
                .collect(Collectors.joining("; "));
        return """
                %s

                `bench/push-window.sh`, one run on MariaDB, the service as shipped (application.yaml: job executor on,
                pool 4–8, queue 32, 16 jobs per acquisition, acquisition by due date), the simulated WeCom channel, the
                bench JVM capped at `-Xmx512m`. For each size a fresh database: %d reps (`POST /api/users`) behind two
                channels (100 staff each at most) whose plan (`POST /api/sop/plans`) sends step 1 on day 1 in the NOON window with the rep's name
                as the only variable; N leads captured the day before, all due at 12:00 Asia/Shanghai, spread evenly
                over the reps (N/%d each). %d leads come in through `POST /api/leads` (intake, customer, identities,
                lifecycle, plan start); the others are written set-wise, and the bench checks that their customer,
                identity, enrolment and outbox rows equal the real ones column by column (ids, names, times and rep
                aside). The written leads have no lifecycle instance. The clock then reaches 12:00 and the send-window
                process gathers, batches, sends and plans each lead's step 2 on its own.

                Seconds count from the window opening (engine clock) to the record of the batch recorded last (its
                customers SENT and their step 2 planned, one transaction); pushes/s = customers SENT ÷ those seconds.
                Batches: how many, and their smallest–largest number of customers; gathered / sent: when the first and
                last batch was created / handed to WeCom.

                | leads due | batches × customers | all sent after | gathered | sent | pushes/s | outside the window | duplicates | mass-sends | peak heap |
                |---:|---|---:|---|---|---:|---:|---:|---:|---:|
                %s

                Every run: every step-1 push SENT, 0 outside 12:00–13:00, 0 customers with two SENT rows for a step,
                WeCom mass-sends = batches, every lead's step 2 SCHEDULED.%s

                **Bare engine, same run:** %,d instances of start → timer → no-op service task → end (deployed into the
                same service, same database and job-executor settings), their timers due at one instant: all ended
                after %.1f s = **%,.0f timers/s** (peak heap %d MB). The send window at %,d leads moves **%.1f×** as
                many customers per second as the engine fires bare timers.

                Machine: %s, %d cores, %s RAM; MariaDB %s (server defaults); JVM %s. Load average (1/5/15 min) at the
                end: %s — %s. %s
                Seeding per size (users, channel, plan, sample, written leads): %s.
                Run: `bench/push-window.sh` (NURTURE_BENCH_SIZES=10000,30000,100000 by default; the database `%s` is
                dropped and recreated for each size).
                """.formatted(HEADING, reps, reps, sample, rows,
                unfinished.isEmpty() ? "" : " Not finished: " + unfinished + ".",
                timers.fired(), timers.seconds(), timers.perSecond(), timers.peakHeapMb(), largest.leads(),
                largest.perSecond() / timers.perSecond(),
                cpu(), Runtime.getRuntime().availableProcessors(), memory(), largest.mariadb(),
                System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).trim(),
                PushWindowBench.env("NURTURE_BENCH_MACHINE_NOTE", "nothing else known to run meanwhile"),
                "Finished " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", JVM up " + ManagementFactory.getRuntimeMXBean().getUptime()
                        / 1000 + " s.",
                runs.stream().map(r -> "%,d: %.0f s".formatted(r.leads(), r.seedSeconds()))
                        .collect(Collectors.joining(", ")),
                database);
    }

    private static String cpu() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GB")
                .orElse("unknown");
    }
}
