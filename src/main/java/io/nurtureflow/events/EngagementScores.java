package io.nurtureflow.events;

import io.nurtureflow.customer.Customers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The engagement score: points from the decision table, halving every {@code nurture.scoring.half-life}
 * without new behaviour, so last month's clicks count less than today's. The profile shows the decayed value:
 * it is written on every event and refreshed as time passes.
 */
@Service
public class EngagementScores {

    private static final int REFRESH_BATCH = 1000;

    private final ScoreMapper scores;
    private final ScoreRules rules;
    private final Customers customers;
    private final Clock clock;
    private final Duration halfLife;
    private final int threshold;

    EngagementScores(ScoreMapper scores, ScoreRules rules, Customers customers, Clock clock,
                     @Value("${nurture.scoring.half-life:P14D}") Duration halfLife,
                     @Value("${nurture.scoring.follow-up-threshold:50}") int threshold) {
        this.scores = scores;
        this.rules = rules;
        this.customers = customers;
        this.clock = clock;
        this.halfLife = halfLife;
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /**
     * Scores of one intake call for these customers: all of them locked, then read, in two statements, each written
     * once, however many events.
     */
    Tally tally(Collection<String> customerIds) {
        var tally = new Tally(clock.instant());
        if (!customerIds.isEmpty()) {
            var ids = new TreeSet<>(customerIds);
            scores.lockCustomers(ids).forEach(tally::unscored);
            scores.scoresOf(ids).forEach(tally::scored);
        }
        return tally;
    }

    /** Writes the decayed score of customers whose shown score has dropped since it was last written. */
    @Transactional
    public int refresh() {
        Instant now = clock.instant();
        int changed = 0;
        for (var score : scores.shownAbove(0, REFRESH_BATCH)) {
            int shown = (int) Math.round(decayed(score.points(), score.scoredAt(), now));
            if (shown != score.shown()) {
                customers.updateScore(score.customerId(), shown);
                changed++;
            }
        }
        return changed;
    }

    private double decayed(double points, Instant scoredAt, Instant now) {
        double halfLives = Math.max(0, Duration.between(scoredAt, now).toMillis()) / (double) halfLife.toMillis();
        return points * Math.pow(0.5, halfLives);
    }

    record Change(int before, int after, boolean crossedThreshold) {
    }

    final class Tally {

        private final Instant now;
        /** Every customer of the intake, as read when locked. */
        private final Map<String, Running> locked = new HashMap<>();
        /** Those an event was added for; sorted, so that concurrent intakes write the same customers in the same order. */
        private final Map<String, Running> running = new TreeMap<>();

        private Tally(Instant now) {
            this.now = now;
        }

        private void unscored(String customerId) {
            locked.put(customerId, new Running(0, false));
        }

        private void scored(ScoreMapper.Stored row) {
            locked.put(row.customerId(), new Running(decayed(row.points(), row.scoredAt(), now), true));
        }

        /** Adds one event's points to the decayed score; says whether this event carried it over the threshold. */
        Change add(String customerId, EventType type, String contentTag) {
            var score = running.computeIfAbsent(customerId, id -> {
                var read = locked.get(id);
                if (read == null) {
                    throw new IllegalStateException("customer " + id + " was not locked for this intake");
                }
                return read;
            });
            int before = (int) Math.round(score.points);
            score.points = Math.max(0, score.points + rules.points(type, contentTag));
            int after = (int) Math.round(score.points);
            return new Change(before, after, before < threshold && after >= threshold);
        }

        void flush() {
            running.forEach((customerId, score) -> {
                if (score.stored) {
                    scores.update(customerId, score.points, now);
                } else {
                    try {
                        scores.insert(customerId, score.points, now);
                    } catch (DuplicateKeyException concurrentFirstEvent) {
                        // another intake scored this customer's first event meanwhile, which the customer's lock
                        // should have kept out: ours is stale, the caller takes the whole intake again
                        throw new ConcurrencyFailureException("score of " + customerId + " changed concurrently",
                                concurrentFirstEvent);
                    }
                }
                customers.updateScore(customerId, (int) Math.round(score.points));
            });
            running.clear();
        }
    }

    private static final class Running {
        double points;
        final boolean stored;

        Running(double points, boolean stored) {
            this.points = points;
            this.stored = stored;
        }
    }
}
