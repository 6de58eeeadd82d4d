package io.nurtureflow.process;

import io.nurtureflow.events.EventType;
import io.nurtureflow.events.ScoreRules;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * engagement-scoring.dmn, latest deployed version: admins change the points in Modeler, no code deploy. Asking
 * the engine for the latest version costs a query per event, so the version in use is looked up once a
 * minute; evaluating a known version is served from the engine's deployment cache.
 */
@Component
class DmnScoreRules implements ScoreRules {

    static final String DECISION = "engagement-scoring";
    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final DecisionService decisions;
    private final RepositoryService repository;
    private final Clock clock;
    private volatile Latest latest = new Latest(null, Instant.MIN);

    DmnScoreRules(DecisionService decisions, RepositoryService repository, Clock clock) {
        this.decisions = decisions;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public int points(EventType type, String contentTag) {
        var result = decisions.evaluateDecisionTableById(latestId(), Variables.createVariables()
                .putValue("eventType", type.name()).putValue("contentTag", contentTag));
        if (result.isEmpty()) {
            return 0;
        }
        Number points = result.getSingleResult().getSingleEntry();
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
