package io.nurtureflow.bench;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Leads waiting for their plan's first push, written set-wise: what the intake and {@code Pushes.start} leave behind
 * for a lead captured from the bench channel (customer, phone and WeCom identities, owner rep, enrolment, SCHEDULED
 * outbox row), without the lifecycle instance each would also have. The bench compares these rows with leads that
 * came in through the real path.
 */
final class LeadSeeding {

    private static final int ROWS_PER_STATEMENT = 1000;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** lead-tagging.dmn's layer for a lead with no answers (this bench's leads fill in none) */
    private static final String LAYER = "C 待了解";

    private final JdbcTemplate db;
    private final Map<String, Long> channelOf;
    private final List<String> reps;
    private final String plan;
    private final Instant capturedAt;
    private final Environment config;

    LeadSeeding(JdbcTemplate db, Map<String, Long> channelOf, List<String> reps, String plan, Instant capturedAt,
                Environment config) {
        this.db = db;
        this.config = config;
        this.channelOf = channelOf;
        this.reps = reps;
        this.plan = plan;
        this.capturedAt = capturedAt;
    }

    void seed(int leads) {
        var step = db.queryForMap("select plan_version, day_offset, send_window, content_text from sop_step"
                + " where plan_key = ? and step_no = 1 order by plan_version desc limit 1", plan);
        int version = ((Number) step.get("plan_version")).intValue();
        String window = (String) step.get("send_window");
        String opens = windowStart(window);
        // the step's day, at its window's opening, on the lead's calendar (the corp's: no zone of its own)
        Instant due = capturedAt.atZone(SHANGHAI).toLocalDate().plusDays(((Number) step.get("day_offset")).longValue())
                .atTime(LocalTime.parse(opens)).atZone(SHANGHAI).toInstant();
        var at = Timestamp.from(capturedAt);
        for (int from = 0; from < leads; from += ROWS_PER_STATEMENT) {
            int to = Math.min(leads, from + ROWS_PER_STATEMENT);
            var customers = new ArrayList<Object[]>();
            var identities = new ArrayList<Object[]>();
            var enrolments = new ArrayList<Object[]>();
            var pushes = new ArrayList<Object[]>();
            for (int i = from; i < to; i++) {
                String id = String.format("BENCH%08d", i);
                String phone = String.format("138%08d", i);
                String rep = reps.get(i % reps.size());
                customers.add(new Object[]{id, "家长" + i, rep, at, "NURTURING", 0, channelOf.get(rep), phone.substring(7),
                        LAYER, at, at});
                identities.add(new Object[]{"EXTERNAL_USER_ID", String.format("wm-bench-%08d", i), id, at});
                identities.add(new Object[]{"PHONE", "+86" + phone, id, at});
                enrolments.add(new Object[]{id, plan, version, at, 0, "ACTIVE", at});
                pushes.add(new Object[]{id, plan, version, 1, rep, step.get("content_text"), "SCHEDULED", at,
                        Timestamp.from(due), Timestamp.from(due), null, window, SHANGHAI.getId()});
            }
            insert("customer (id, name, owner_rep, owner_since, stage, score, channel_id, phone_tail, layer,"
                    + " created_at, updated_at)", customers);
            insert("customer_identity (kind, id_value, customer_id, created_at)", identities);
            insert("sop_enrolment (customer_id, plan_key, plan_version, started_at, last_step, state, updated_at)",
                    enrolments);
            insert("push_outbox (customer_id, plan_key, plan_version, step_no, sender_rep, content, status, created_at,"
                    + " planned_at, due_at, move_reason, send_window, time_zone)", pushes);
        }
    }

    /** The window's opening as the service is configured (nurture.sop.windows, "12:00-13:00"). */
    private String windowStart(String window) {
        return config.getRequiredProperty("nurture.sop.windows." + window).split("-")[0].trim();
    }

    private void insert(String into, List<Object[]> rows) {
        int columns = rows.get(0).length;
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        String sql = "insert into " + into + " values " + String.join(", ", Collections.nCopies(rows.size(), row));
        db.update(sql, rows.stream().flatMap(Arrays::stream).toArray());
    }
}
