package io.nurtureflow.capture;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Landing-page scans/s (with p50/p99) and lead-form intakes/s through real HTTP against the whole service. Run by
 * bench/capture.sh on MariaDB; never part of the test suite (it measures, it does not judge).
 */
@ServiceTest
@EnabledIfSystemProperty(named = "nurture.bench", matches = "true")
class CaptureBenchmark {

    private static final int THREADS = Integer.getInteger("nurture.bench.threads", 16);
    private static final int SCANS = Integer.getInteger("nurture.bench.scans", 20_000);
    private static final int INTAKES = Integer.getInteger("nurture.bench.intakes", 3_000);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;

    @Test
    void scansAndIntakes() throws Exception {
        var api = new Api(port);
        var staff = new ArrayList<Object>();
        for (int i = 0; i < 5; i++) {
            staff.add(ChannelFixtures.member(api.newUser("bench", "REP"), Map.of("weight", 1 + i % 2, "dailyCap", 100_000)));
        }
        var channel = ChannelFixtures.create(api, Map.of("routing", "WEIGHTED", "staff", staff, "tags", List.of("bench"),
                "welcomeText", "欢迎"));
        String code = channel.get("code").asText();
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI landing = URI.create("http://localhost:" + port + "/q/" + code);
        URI form = URI.create("http://localhost:" + port + "/q/" + code + "/lead");

        // warm-up: JIT, pools, caches
        run(2_000, () -> status(http, HttpRequest.newBuilder(landing).build()));
        run(300, () -> status(http, formPost(form)));

        long scanStart = System.nanoTime();
        long[] scanLatencies = run(SCANS, () -> status(http, HttpRequest.newBuilder(landing).build()));
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;

        long intakeStart = System.nanoTime();
        long[] intakeLatencies = run(INTAKES, () -> status(http, formPost(form)));
        double intakeSeconds = (System.nanoTime() - intakeStart) / 1e9;

        int logged = db.queryForObject("select count(*) from scan where channel_id = ?", Integer.class, channel.get("id").asLong());
        assertThat(logged).as("every scan logged (no throttling in the benchmark)").isEqualTo(2_000 + SCANS);

        var result = String.format("""

                | what | count | client threads | per second | p50 ms | p99 ms |
                |---|---:|---:|---:|---:|---:|
                | landing-page scans (`GET /q/{code}`: route, log, render) | %d | %d | %.0f | %.1f | %.1f |
                | form intakes (`POST /q/{code}/lead`: lead row + lead-intake process start) | %d | %d | %.0f | %.1f | %.1f |

                - database: %s; pool 20 connections; the job executor is off, so the intake figure is the request path
                  (lead stored, CRM match, lifecycle started in the same transaction), not the asynchronous SOP work after it
                """, SCANS, THREADS, SCANS / scanSeconds, percentile(scanLatencies, 50), percentile(scanLatencies, 99),
                INTAKES, THREADS, INTAKES / intakeSeconds, percentile(intakeLatencies, 50), percentile(intakeLatencies, 99),
                TestDatabase.describe());
        System.out.println(result);
        Files.writeString(Path.of("target/capture-bench.md"), result);
    }

    private static HttpRequest formPost(URI form) {
        String body = "name=" + URLEncoder.encode("压测家长", StandardCharsets.UTF_8) + "&phone=" + Leads.newPhone()
                + "&consent=yes&noticeVersion=1";
        return HttpRequest.newBuilder(form).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int status(HttpClient http, HttpRequest request) throws Exception {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status + " for " + request.uri());
        }
        return status;
    }

    /** Runs the call n times over THREADS threads and answers each call's latency in nanoseconds. */
    private static long[] run(int n, Callable<Integer> call) throws Exception {
        long[] latencies = new long[n];
        var next = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(THREADS);
        try {
            var workers = new ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        call.call();
                        latencies[i] = System.nanoTime() - start;
                    }
                    return null;
                }));
            }
            for (var worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        return latencies;
    }

    private static double percentile(long[] latencies, int percent) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
