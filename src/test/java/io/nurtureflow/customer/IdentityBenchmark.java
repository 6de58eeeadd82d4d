package io.nurtureflow.customer;

import io.nurtureflow.support.Api;
import io.nurtureflow.support.ServiceTest;
import io.nurtureflow.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: the identity benchmark behind bench/identity.sh. Imports a generated CRM export of
 * {@code nurture.bench.rows} customers (default 1,000,000) through the real import, printing its progress, then
 * measures lead matching against that many customers. Writes its figures to target/identity-bench.md.
 */
@ServiceTest
@EnabledIfSystemProperty(named = "nurture.bench", matches = "true")
class IdentityBenchmark {

    private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split("");
    private static final String[] GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建玲宇浩凯欣怡晨轩然梓涵子墨一诺雨".split("");
    private static final int REPS = 10;
    private static final int LOOKUPS = 4000;

    @LocalServerPort
    int port;
    @Autowired
    CrmImports imports;
    @Autowired
    CrmMatching matching;
    @Autowired
    LeadMapper leads;

    @Test
    void importAMillionCustomersAndMatchLeadsAgainstThem() throws Exception {
        int rows = Integer.getInteger("nurture.bench.rows", 1_000_000);
        var api = new Api(port);
        var reps = new ArrayList<String>();
        for (int i = 0; i < REPS; i++) {
            reps.add(api.newUser("bench", "REP"));
        }
        Path file = Files.createTempFile("crm-bench-", ".csv");
        var random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("客户编号,姓名,手机号,负责人,订单号,课程,金额,购买时间\n");
            for (int i = 0; i < rows; i++) {
                boolean bought = random.nextInt(5) == 0;
                out.write("B" + i + "," + name(i) + "," + phone(i) + "," + reps.get(i % REPS) + ","
                        + (bought ? "BO" + i + ",暑期班,1999.00,2024-07-01" : ",,,") + "\n");
            }
        }

        long started = System.nanoTime();
        CrmImport running;
        try (var upload = Files.newInputStream(file)) {
            running = imports.start(upload, "bench.csv", "UTF-8", Map.of(), "bench");
        }
        while ((running = imports.find(running.id())).status().equals("RUNNING")) {
            System.out.printf("import %d: %,d of %,d rows (%,d created, %,d failed)%n", running.id(), running.rowsRead(),
                    rows, running.rowsCreated(), running.rowsFailed());
            Thread.sleep(5_000);
        }
        double importSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(running.status()).isEqualTo("DONE");
        assertThat(running.rowsCreated()).isEqualTo(rows);
        Files.delete(file);

        long reimportStarted = System.nanoTime();
        Path again = Files.createTempFile("crm-bench-again-", ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(again, StandardCharsets.UTF_8)) {
            out.write("客户编号,姓名,手机号,负责人\n");
            for (int i = 0; i < Math.min(rows, 100_000); i++) {
                out.write("B" + i + "," + name(i) + "," + phone(i) + "," + reps.get(i % REPS) + "\n");
            }
        }
        var reimport = imports.importFile(again, "UTF-8", Map.of(), "bench");
        double reimportSeconds = (System.nanoTime() - reimportStarted) / 1e9;
        assertThat(reimport.rowsUnchanged()).isEqualTo(Math.min(rows, 100_000));
        Files.delete(again);

        // a quarter each: exact phone, same name and tail (a likeness), unionid-only newcomer, unknown phone
        long[] nanos = new long[LOOKUPS];
        var kinds = new int[4];
        for (int i = 0; i < LOOKUPS; i++) {
            int target = random.nextInt(rows);
            int kind = i % 4;
            String phone = switch (kind) {
                case 0 -> "+86" + phone(target);
                case 1 -> "+8615" + phone(target).substring(2);
                case 2 -> null;
                default -> "+8618" + String.format("%09d", random.nextInt(1_000_000_000));
            };
            var row = new LeadMapper.LeadRow();
            leads.insert(new CapturedLead(null, null, "BENCH", name(target), phone, kind == 2 ? "ubench" + i : null,
                    null, reps.get(0)), null, null, org.camunda.bpm.engine.impl.util.ClockUtil.now().toInstant(), row);
            long before = System.nanoTime();
            var match = matching.match(row.id);
            nanos[i] = System.nanoTime() - before;
            kinds[match.strength().ordinal()]++;
        }
        Arrays.sort(nanos);
        double p50 = nanos[LOOKUPS / 2] / 1e6;
        double p99 = nanos[(int) (LOOKUPS * 0.99)] / 1e6;
        assertThat(kinds[MatchStrength.EXACT.ordinal()]).isGreaterThanOrEqualTo(LOOKUPS / 4);

        var report = List.of(
                "- database: " + TestDatabase.describe() + ", " + String.format("%,d", rows) + " customers imported",
                String.format("- CRM import, %,d rows (2 identities, a timeline entry, 20 %% with a purchase): %.1f s = **%,.0f rows/s**",
                        rows, importSeconds, rows / importSeconds),
                String.format("- re-import of %,d unchanged rows: %.1f s = %,.0f rows/s, %,d changed",
                        reimport.rowsRead(), reimportSeconds, reimport.rowsRead() / reimportSeconds,
                        reimport.rowsCreated() + reimport.rowsUpdated()),
                String.format("- match latency over %,d leads (¼ exact phone, ¼ same name + tail, ¼ unionid newcomer, ¼ unknown): "
                        + "**p50 %.2f ms, p99 %.2f ms** (exact %d, weak %d, none %d)", LOOKUPS, p50, p99,
                        kinds[MatchStrength.EXACT.ordinal()], kinds[MatchStrength.WEAK.ordinal()],
                        kinds[MatchStrength.NONE.ordinal()]),
                "- measured with " + Duration.ofNanos(System.nanoTime() - started).toMinutes() + " min wall time in total");
        Files.write(Path.of("target", "identity-bench.md"), report, StandardCharsets.UTF_8);
        report.forEach(System.out::println);
    }

    private static String name(int i) {
        return SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length];
    }

    /** 13 + nine digits: unique per row and a valid mainland mobile number. */
    private static String phone(int i) {
        return "13" + String.format("%09d", i);
    }
}
