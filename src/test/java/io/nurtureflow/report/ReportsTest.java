package io.nurtureflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.customer.FunnelStep;
import io.nurtureflow.support.Leads;
import io.nurtureflow.support.MovesTheClockByMonths;
import io.nurtureflow.support.RunningService;
import io.nurtureflow.support.Scenario;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll-ups the reports read agree with the raw tables after leads come in, act and fall silent over many days,
 * and the reports show them to whom they may.
 */
@MovesTheClockByMonths
@ServiceTest
class ReportsTest extends RunningService {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Pattern SCAN_ID = Pattern.compile("name=\"scanId\" value=\"(\\d+)\"");
    static final Pattern NOTICE = Pattern.compile("name=\"noticeVersion\" value=\"(\\d+)\"");
    /** a scanner address each, so no scan meets the per-address limit */
    static final AtomicInteger SCANNERS = new AtomicInteger();

    @Test
    void theRollupsAgreeWithTheRawTablesAfterLeadsActOverManyDays() {
        var world = new World();
        // day 1: two scans of A's poster by invitee inv-7, one of them leaves a form; two leads by API, one of them a
        // WeCom contact; A reaches one, a reply makes it engaged, the other one buys
        world.scan(world.codeA, "inv-7");
        String formLead = world.formLead(world.codeA, "inv-7");
        String apiLead = Scenario.lead(api, world.codeA, Leads.newPhone(), Scenario.externalUserId());
        complete(world.repA, formLead, "FIRST_CONTACT", "REACHED");
        assertThat(Scenario.event(api, formLead, "MESSAGE_REPLIED").status()).isEqualTo(202);
        assertThat(Scenario.event(api, apiLead, "PURCHASED").status()).isEqualTo(202);
        api.advanceClock("P1D");
        // day 2: B's leads; one unsubscribes, B reaches the other a day late
        String optOut = Scenario.lead(api, world.codeB, Leads.newPhone(), null);
        String late = Scenario.lead(api, world.codeB, Leads.newPhone(), null);
        world.scan(world.codeB, null);
        assertThat(Scenario.event(api, optOut, "UNSUBSCRIBED").status()).isEqualTo(202);
        api.advanceClock("P4D");
        complete(world.repB, late, "FIRST_CONTACT", "NOT_INTERESTED");
        // weeks later the quiet ones are silent, and later still dormant
        api.advanceClock("P20D");
        api.advanceClock("P100D");

        var counted = rows(funnelRows("channel_id in (" + world.channelA + ", " + world.channelB + ")"));
        assertThat(counted).isEqualTo(recomputedFunnel(world));
        assertThat(counted).as("every step of the script is there").containsKeys(
                key(world.day1, world.channelA, "inv-7", world.repA, world.teamA, "SCANNED"),
                key(world.day1, world.channelA, "inv-7", world.repA, world.teamA, "LEAD"),
                key(world.day1, world.channelA, "", world.repA, world.teamA, "WECOM_ADDED"),
                key(world.day1, world.channelA, "inv-7", world.repA, world.teamA, "FIRST_CONTACT"),
                key(world.day1, world.channelA, "inv-7", world.repA, world.teamA, "ENGAGED"),
                key(world.day1, world.channelA, "", world.repA, world.teamA, "CONVERTED"),
                key(world.day1.plusDays(1), world.channelB, "", world.repB, world.teamB, "OPTED_OUT"),
                key(world.day1.plusDays(1), world.channelB, "", world.repB, world.teamB, "SILENT"),
                key(world.day1.plusDays(1), world.channelB, "", world.repB, world.teamB, "DORMANT"));

        var tasks = rows("select cast(on_day as char(10)), rep, team, kind, opened, done, done_in_time, cancelled, escalated"
                + " from report_task_day where rep in (?, ?, ?)", world.repA, world.repB, world.salesLead);
        assertThat(tasks).isEqualTo(recomputedTasks(world));

        var funnel = api.get("/api/reports/funnel?from=" + world.day1 + "&to=" + world.day1.plusDays(1) + "&channel="
                + world.channelA + "&by=REF", ADMIN).json();
        var invitee = row(funnel, "inv-7");
        assertThat(invitee.get("counts").get("SCANNED").asLong()).isEqualTo(2);
        assertThat(invitee.get("counts").get("LEAD").asLong()).isEqualTo(1);
        assertThat(invitee.get("rates").get("LEAD").asDouble()).isEqualTo(0.5);
        assertThat(funnel.get("total").get("counts").get("LEAD").asLong()).isEqualTo(2);
        assertThat(funnel.get("total").get("rates").get("CONVERTED").asDouble()).isEqualTo(0.5);

        var sla = api.get("/api/reports/sla?from=" + world.day1 + "&to=" + world.day1.plusDays(200), ADMIN).json();
        var a = row(sla, world.repA);
        assertThat(a.get("firstContacts").get("done").asLong()).isEqualTo(1);
        assertThat(a.get("firstContacts").get("inTime").asLong()).isEqualTo(1);
        var b = row(sla, world.repB);
        assertThat(b.get("firstContacts").get("opened").asLong()).isEqualTo(2);
        assertThat(b.get("firstContacts").get("inTimeRate").asDouble()).as("done a working day late").isEqualTo(0.0);
        assertThat(b.get("escalations").asLong()).as("B's missed first contacts went to the sales lead").isPositive();
    }

    @Test
    void aSalesLeadSeesTheirTeamRepsAreRefusedAndEveryReportDownloadsAsExcelReadyCsv() {
        var world = new World();
        Scenario.lead(api, world.codeA, Leads.newPhone(), null);
        Scenario.lead(api, world.codeB, Leads.newPhone(), null);

        var asLead = api.get("/api/reports/funnel?by=REP", world.salesLead).json();
        assertThat(keys(asLead)).contains(world.repA).doesNotContain(world.repB);
        assertThat(row(asLead, world.repA).get("label").asText()).as("the rep's name, then the username")
                .isEqualTo("顾问" + world.repA.substring(world.repA.length() - 4) + "（" + world.repA + "）");
        assertThat(keys(api.get("/api/reports/funnel?by=REP", ADMIN).json())).contains(world.repA, world.repB);
        assertThat(keys(api.get("/api/reports/sla", world.salesLead).json())).doesNotContain(world.repB);
        var offered = api.get("/api/reports/filters", world.salesLead).json();
        assertThat(texts(offered.get("channels"), "name")).containsExactly("渠道A" + world.suffix);
        assertThat(texts(offered.get("teams"), null)).containsExactly(world.teamA);
        assertThat(texts(offered.get("reps"), "username")).containsExactlyInAnyOrder(world.repA, world.salesLead);
        assertThat(texts(offered.get("reps"), "name")).contains("顾问" + world.repA.substring(world.repA.length() - 4));
        var everything = api.get("/api/reports/filters", ADMIN).json();
        assertThat(texts(everything.get("channels"), "name")).contains("渠道A" + world.suffix, "渠道B" + world.suffix);
        assertThat(texts(everything.get("teams"), null)).contains(world.teamA, world.teamB);
        assertThat(texts(everything.get("reps"), "username")).contains(world.repA, world.repB);
        assertThat(api.get("/reports", world.salesLead).body()).as("the dashboard's filters")
                .contains("渠道A" + world.suffix, world.teamA, world.repA)
                .doesNotContain("渠道B" + world.suffix, world.teamB, world.repB);
        assertThat(api.get("/api/reports/filters", world.repA).status()).isEqualTo(403);
        assertThat(api.get("/api/reports/funnel", world.repA).status()).isEqualTo(403);
        assertThat(api.get("/reports", world.repA).status()).isEqualTo(403);

        var csv = api.get("/api/reports/funnel.csv?by=CHANNEL&channel=" + world.channelA, ADMIN);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.bytes()).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv.bytes(), StandardCharsets.UTF_8).substring(1);
        assertThat(text).startsWith("\"渠道\",\"扫码\",\"留资线索\",\"添加企微\",\"首次联系\"");
        assertThat(text.lines().toList()).hasSize(3).anySatisfy(line -> assertThat(line).startsWith("\"渠道A" + world.suffix
                + "\",0,1,"));
        var slaCsv = api.get("/api/reports/sla.csv?by=TEAM", world.salesLead);
        assertThat(new String(slaCsv.bytes(), StandardCharsets.UTF_8)).startsWith("\uFEFF\"团队\",\"首次联系·新建\"")
                .contains(world.teamA).doesNotContain(world.teamB);

        var backwards = api.get("/api/reports/funnel?from=2026-03-02&to=2026-03-01", ADMIN);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("field").asText()).isEqualTo("from");
        var unknown = api.get("/api/reports/sla?by=CHANNEL", ADMIN);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("by");
        var notAChannel = api.get("/api/reports/funnel.csv?channel=abc", ADMIN);
        assertThat(notAChannel.status()).isEqualTo(400);
        assertThat(notAChannel.json().get("field").asText()).isEqualTo("channel");
        var nobody = api.get("/api/reports/sla?team=%F0%9F%92%A5&rep=%27%20or%20%271%27%3D%271&from=0001-01-01&to=9999-12-31",
                ADMIN);
        assertThat(nobody.status()).as(nobody.body()).isEqualTo(200);
        assertThat(nobody.json().get("rows")).isEmpty();
        var notADay = api.get("/api/reports/funnel?to=yesterday", ADMIN);
        assertThat(notADay.status()).isEqualTo(400);
        assertThat(notADay.json().get("field").asText()).isEqualTo("to");
    }

    /** Two teams: rep A (led by the sales lead) with their channel, rep B (another team) with theirs. */
    final class World {
        final String suffix = Long.toString(System.nanoTime() % 1_000_000);
        final String salesLead = api.newUser("lead", "SALES_LEAD");
        final String repA = api.newUser("repa", "REP");
        final String repB = api.newUser("repb", "REP");
        final String teamA = "一组" + suffix;
        final String teamB = "二组" + suffix;
        final String codeA;
        final String codeB;
        final long channelA;
        final long channelB;
        final LocalDate day1;

        World() {
            describe(repA, Map.of("team", teamA, "salesLead", salesLead, "workStart", "09:00", "workEnd", "18:00"));
            describe(repB, Map.of("team", teamB, "workStart", "09:00", "workEnd", "18:00"));
            describe(salesLead, Map.of("workStart", "09:00", "workEnd", "18:00"));
            var a = api.post("/api/channels", ADMIN, Map.of("name", "渠道A" + suffix, "staff", List.of(repA))).json();
            var b = api.post("/api/channels", ADMIN, Map.of("name", "渠道B" + suffix, "staff", List.of(repB))).json();
            codeA = a.get("code").asText();
            codeB = b.get("code").asText();
            channelA = a.get("id").asLong();
            channelB = b.get("id").asLong();
            day1 = LocalDate.ofInstant(Instant.parse(api.advanceClock("PT0S").json().get("now").asText()), SHANGHAI);
        }

        private void describe(String rep, Map<String, String> profile) {
            var described = api.put("/api/reps/" + rep, ADMIN, profile);
            assertThat(described.status()).as(described.body()).isEqualTo(200);
        }

        String scan(String code, String ref) {
            var landing = api.getFrom("/q/" + code + (ref == null ? "" : "?ref=" + ref), "10.9.0." + SCANNERS.incrementAndGet());
            assertThat(landing.status()).isEqualTo(200);
            return landing.body();
        }

        /** A scan whose scanner leaves the form: its customer id. */
        String formLead(String code, String ref) {
            String landing = scan(code, ref);
            var scanId = SCAN_ID.matcher(landing);
            var notice = NOTICE.matcher(landing);
            assertThat(scanId.find() && notice.find()).as("the landing page's form").isTrue();
            String phone = Leads.newPhone();
            var thanks = api.postForm("/q/" + code + "/lead", Map.of("scanId", scanId.group(1), "name", Leads.newName(),
                    "phone", phone, "consent", "yes", "noticeVersion", notice.group(1)));
            assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);
            return db.queryForObject("select customer_id from captured_lead where scan_id = ?", String.class,
                    Long.valueOf(scanId.group(1)));
        }
    }

    /** The funnel counted again from the facts themselves: scans, leads, identities, tasks and stage changes. */
    private Map<String, Long> recomputedFunnel(World world) {
        var counts = new TreeMap<String, Long>();
        db.query("select s.scanned_at, s.channel_id, s.ref, s.assigned_rep, p.team from scan s"
                + " left join rep_profile p on p.rep = s.assigned_rep where s.channel_id in (?, ?)", rs -> {
            counts.merge(key(day(rs.getTimestamp(1)), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    "SCANNED"), 1L, Long::sum);
        }, world.channelA, world.channelB);
        String cohort = "select c.id, c.created_at, l.channel_id, l.ref, l.assigned_rep, p.team from customer c"
                + " join captured_lead l on l.customer_id = c.id and l.outcome = 'NEW'"
                + " left join rep_profile p on p.rep = l.assigned_rep where l.channel_id in (?, ?)";
        var reached = Map.of(
                "LEAD", "select 1 from customer where id = ?",
                "WECOM_ADDED", "select 1 from customer_identity where customer_id = ? and kind = 'EXTERNAL_USER_ID'",
                "FIRST_CONTACT", "select 1 from follow_up_task where customer_id = ? and kind = 'FIRST_CONTACT'"
                        + " and outcome is not null",
                "ENGAGED", stage("ENGAGED"), "CONVERTED", stage("CUSTOMER"), "SILENT", stage("SILENT"),
                "DORMANT", stage("DORMANT"), "OPTED_OUT", stage("OPTED_OUT"), "CHURNED", stage("CHURNED"));
        db.query(cohort, rs -> {
            String id = rs.getString(1);
            reached.forEach((step, sql) -> {
                if (!db.queryForList(sql, id).isEmpty()) {
                    try {
                        counts.merge(key(day(rs.getTimestamp(2)), rs.getLong(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), step), 1L, Long::sum);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        }, world.channelA, world.channelB);
        return counts;
    }

    /**
     * The funnel roll-up's counts one step a row, as the recomputation has them: day, channel, ref, rep, team, step
     * and how many, only where there are some; {@code where} selects the roll-up's rows.
     */
    static String funnelRows(String where) {
        return Arrays.stream(FunnelStep.values()).map(step -> {
            String column = FunnelRollup.column(step.name());
            return "select cast(on_day as char(10)), channel_id, ref, rep, team, '" + step + "', " + column
                    + " from report_funnel_day where " + column + " > 0 and " + where;
        }).collect(Collectors.joining(" union all "));
    }

    private static String stage(String stage) {
        return "select 1 from timeline_entry where customer_id = ? and kind = 'STAGE' and summary like '" + stage + ":%'";
    }

    /** Each task's facts counted again: opened, done, done by its due time, cancelled, escalations by owner. */
    private Map<String, Long> recomputedTasks(World world) {
        var counts = new TreeMap<String, long[]>();
        db.query("select t.kind, t.rep, t.created_at, t.closed_at, t.due_at, t.outcome, c.owner_rep from follow_up_task t"
                + " join customer c on c.id = t.customer_id where c.owner_rep in (?, ?)", rs -> {
            String kind = rs.getString(1);
            String rep = rs.getString(2) == null ? "" : rs.getString(2);
            if (kind.equals("ESCALATION")) {
                taskRow(counts, day(rs.getTimestamp(3)), rs.getString(7), kind)[4]++;
            } else {
                taskRow(counts, day(rs.getTimestamp(3)), rep, kind)[0]++;
            }
            Timestamp closed = rs.getTimestamp(4);
            if (closed != null) {
                long[] row = taskRow(counts, day(closed), rep, kind);
                if (rs.getString(6) == null) {
                    row[3]++;
                } else {
                    row[1]++;
                    if (rs.getTimestamp(5) == null || !closed.after(rs.getTimestamp(5))) {
                        row[2]++;
                    }
                }
            }
        }, world.repA, world.repB);
        var flat = new TreeMap<String, Long>();
        var reps = List.of(world.repA, world.repB, world.salesLead);
        counts.entrySet().removeIf(e -> !reps.contains(e.getKey().split("\\|")[1]));
        counts.forEach((key, row) -> flat.put(key, row[0] * 1_000_000_000L + row[1] * 1_000_000 + row[2] * 1_000
                + row[3] * 10 + row[4]));
        return flat;
    }

    private long[] taskRow(Map<String, long[]> counts, LocalDate day, String rep, String kind) {
        String team = rep.isEmpty() ? "" : db.queryForList("select team from rep_profile where rep = ?", String.class, rep)
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse("");
        return counts.computeIfAbsent(String.join("|", day.toString(), rep, team, kind), k -> new long[5]);
    }

    /** The roll-up's rows keyed like the recomputation: the task table's five counts packed into one number. */
    private Map<String, Long> rows(String sql, Object... args) {
        var rows = new TreeMap<String, Long>();
        db.query(sql, rs -> {
            int columns = rs.getMetaData().getColumnCount();
            if (columns == 7) {
                rows.put(key(LocalDate.parse(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), rs.getLong(7));
            } else {
                rows.put(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                        rs.getLong(5) * 1_000_000_000L + rs.getLong(6) * 1_000_000 + rs.getLong(7) * 1_000
                                + rs.getLong(8) * 10 + rs.getLong(9));
            }
        }, args);
        return rows;
    }

    private static String key(LocalDate day, long channel, String ref, String rep, String team, String step) {
        return String.join("|", day.toString(), Long.toString(channel), ref == null ? "" : ref, rep == null ? "" : rep,
                team == null ? "" : team, step);
    }

    private static LocalDate day(Timestamp at) {
        return LocalDate.ofInstant(at.toInstant(), SHANGHAI);
    }

    private void complete(String rep, String customerId, String kind, String outcome) {
        for (var task : api.get("/api/me/tasks", rep).json()) {
            if (task.get("kind").asText().equals(kind) && task.get("lead").get("id").asText().equals(customerId)) {
                var done = api.post("/api/me/tasks/" + task.get("id").asText() + "/complete", rep,
                        Map.of("outcome", outcome));
                assertThat(done.status()).as(done.body()).isEqualTo(204);
                return;
            }
        }
        throw new AssertionError("no " + kind + " task of " + customerId + " for " + rep);
    }

    private static JsonNode row(JsonNode report, String key) {
        for (var row : report.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report);
    }

    /** The field of each element of an array, or each element itself when {@code field} is null. */
    private static List<String> texts(JsonNode array, String field) {
        var texts = new ArrayList<String>();
        array.forEach(node -> texts.add((field == null ? node : node.get(field)).asText()));
        return texts;
    }

    private static List<String> keys(JsonNode report) {
        var keys = new ArrayList<String>();
        report.get("rows").forEach(row -> keys.add(row.get("key").asText()));
        return keys;
    }
}
