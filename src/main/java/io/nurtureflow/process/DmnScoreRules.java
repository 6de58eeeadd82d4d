package io.nurtureflow.process;

import io.nurtureflow.events.EventType;
import io.nurtureflow.events.ScoreRules;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * engagement-scoring.dmn, latest deployed version: admins change the points in Modeler, no code deploy. Asking
 * the engine for the latest version costs a query per event, so the version in use is looked up once a
 * minute. A known version is evaluated through {@link DeployedDecisions}: an event type and content tag seen
 * before are answered without FEEL, and without the query by definition id that the DecisionService makes on
 * every evaluation (one of the statements each click cost, docs/BENCHMARKS.md).
 */
@Component
class DmnScoreRules implements ScoreRules {

    static final String DECISION = "engagement-scoring";
    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final DeployedDecisions decisions;
    private final RepositoryService repository;
    private final Clock clock;
    private volatile Latest latest = new Latest(null, Instant.MIN);

    DmnScoreRules(DeployedDecisions decisions, RepositoryService repository, Clock clock) {
        this.decisions = decisions;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public int points(EventType type, String contentTag) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("eventType", type.name());
        inputs.put("contentTag", contentTag);
        // the table collects the matching rules' points and sums them: one entry, or none when no rule matched
        Number points = (Number) decisions.version(DECISION, latestId()).firstEntry(inputs);
        return points == null ? 0 : points.intValue();
    }

    private String latestId() {
        var known = latest;
        Instant now = clock.instant();
        if (known.id() == null || now.isAfter(known.checkedAt().plus(RECHECK)) || now.isBefore(known.checkedAt())) {
            String id = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).latestVersion()
                    .singleResult().getId();
            known = new Latest(id, now);
            latest = known;
        }
        return known.id();
    }

    private record Latest(String id, Instant checkedAt) {
    }
}
