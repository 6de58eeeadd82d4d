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
import java.util.TreeMap;
import java.util.Map;

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

    /** Scores of one intake call: each customer's score read once and written once, however many events. */
    Tally tally() {
        return new Tally(clock.instant());
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
            /** Sorted, so that concurrent intakes write the same customers in the same order. */
        private final Map<String, Running> running = new TreeMap<>();

        private Tally(Instant now) {
            this.now = now;
        }

        /** Adds one event's points to the decayed score; says whether this event carried it over the threshold. */
        Change add(String customerId, EventType type, String contentTag) {
            var score = running.computeIfAbsent(customerId, id -> scores.find(id)
                    .map(s -> new Running(decayed(s.points(), s.scoredAt(), now), true))
                    .orElseGet(() -> new Running(0, false)));
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
                        // another intake scored this customer's first event meanwhile: ours is stale, start again
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
