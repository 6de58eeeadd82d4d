package io.nurtureflow.followup;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A rep's rows in the alert outbox, as the sender leaves them. */
final class AlertRows {

    private final JdbcTemplate db;

    AlertRows(JdbcTemplate db) {
        this.db = db;
    }

    List<Map<String, Object>> of(String rep) {
        return db.queryForList("select kind, state, attempts, errcode, error, msg_id, description from rep_alert where rep = ?"
                + " order by id", rep);
    }

    void await(String rep, String state) {
        await(rep, state, row -> true);
    }

    /** The sender works on its own thread after the commit: wait for its outcome, never for a fixed time. */
    void await(String rep, String state, Predicate<Map<String, Object>> and) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (of(rep).stream().noneMatch(r -> state.equals(r.get("state")) && and.test(r))) {
            assertThat(System.nanoTime()).as("alerts of " + rep + " never reached " + state + ": " + of(rep))
                    .isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
