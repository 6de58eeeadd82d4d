package io.nurtureflow.process;

import io.nurtureflow.tagging.LeadTaggingFacts;
import io.nurtureflow.tagging.Tags;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * Evaluates lead-tagging.dmn (the latest version an admin deployed) and applies its tags and layer. A table
 * that fails to evaluate, or decides a tag nobody defined, leaves the customer as it was and raises an incident
 * on the lifecycle, which Cockpit shows; the lead's nurture goes on meanwhile.
 * <p>
 * The table is evaluated through {@link DeployedDecisions} rather than the DecisionService: a failing service call
 * inside the lifecycle's transaction would mark the whole transaction rollback-only, and with it the capture of
 * the lead.
 */
@Component
class LeadTaggingDecision {

    static final String INCIDENT_TYPE = "leadTaggingFailed";
    static final String TAGS_DECISION = "lead-tags";
    static final String LAYER_DECISION = "lead-layer";
    /** Names the lifecycle flow (its process key) of a new lead; no rule matching leaves the channel's choice. */
    static final String FLOW_DECISION = "lead-flow";
    private static final Logger log = LoggerFactory.getLogger(LeadTaggingDecision.class);

    private final DeployedDecisions decisions;
    private final RuntimeService runtime;
    private final LeadTaggingFacts facts;
    private final Tags tags;

    LeadTaggingDecision(DeployedDecisions decisions, RuntimeService runtime, LeadTaggingFacts facts, Tags tags) {
        this.decisions = decisions;
        this.runtime = runtime;
        this.facts = facts;
        this.tags = tags;
    }

    void tag(DelegateExecution execution, String customerId, Long channelId) {
        var inputs = facts.of(customerId, channelId);
        List<String> decided;
        String layer;
        try {
            decided = latest(TAGS_DECISION).entries(inputs).stream().map(tag -> Objects.toString(tag, null)).toList();
            layer = Objects.toString(latest(LAYER_DECISION).firstEntry(inputs), null);
        } catch (RuntimeException failed) {
            raise(execution, customerId, "lead-tagging.dmn could not be evaluated for " + inputs + ": " + failed.getMessage());
            return;
        }
        var unknown = tags.unknown(decided);
        if (!unknown.isEmpty()) {
            raise(execution, customerId, "lead-tagging.dmn decided tags nobody defined: " + unknown
                    + " (define them with POST /api/tags or fix the table)");
            return;
        }
        tags.applyDecision(customerId, decided, layer);
    }

    /**
     * The lifecycle flow lead-tagging.dmn names for a new lead, or null. Decided before the lifecycle exists, so a
     * table that fails cannot raise an incident on it: the lead then runs its channel's flow, and the log says why.
     */
    String flow(String customerId, Long channelId) {
        var decision = decisions.latest(FLOW_DECISION);
        if (decision.isEmpty()) {
            return null;
        }
        try {
            return Objects.toString(decision.get().firstEntry(facts.of(customerId, channelId)), null);
        } catch (RuntimeException failed) {
            log.warn("lead-tagging.dmn could not choose the flow of customer {}: {}", customerId, failed.getMessage());
            return null;
        }
    }

    private DeployedDecision latest(String key) {
        return decisions.latest(key).orElseThrow(() -> new IllegalStateException("no decision '" + key + "' is deployed"));
    }

    private void raise(DelegateExecution execution, String customerId, String message) {
        log.warn("lead tagging of customer {} failed: {}", customerId, message);
        String fitted = message.length() > 3900 ? message.substring(0, 3900) : message;
        runtime.createIncident(INCIDENT_TYPE, execution.getId(), customerId, fitted);
    }
}
