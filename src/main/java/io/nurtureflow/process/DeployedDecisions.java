package io.nurtureflow.process;

import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decision tables admins deploy, each version parsed once and evaluated by a DMN engine of our own (see
 * {@link DeployedDecision} for what that saves). The model comes from the engine's repository, so the deployed
 * version is the one that counts. Evaluating outside the DecisionService also keeps a failing table from marking
 * the caller's whole transaction rollback-only.
 */
@Component
class DeployedDecisions {

    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final Map<String, DeployedDecision> parsed = new ConcurrentHashMap<>();
    private final RepositoryService repository;

    DeployedDecisions(RepositoryService repository) {
        this.repository = repository;
    }

    /** The latest version of the decision {@code key}: one query per call, none for parsing. */
    Optional<DeployedDecision> latest(String key) {
        var definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
        return definition == null ? Optional.empty() : Optional.of(version(key, definition.getId()));
    }

    /** One deployed version of the decision {@code key}, by its definition id. */
    DeployedDecision version(String key, String definitionId) {
        return parsed.computeIfAbsent(definitionId, id -> {
            try (var model = repository.getDecisionModel(id)) {
                return DeployedDecision.parse(dmn, key, model.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("decision model " + id + " unreadable", e);
            }
        });
    }
}
