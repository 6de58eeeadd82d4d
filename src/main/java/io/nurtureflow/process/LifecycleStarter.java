package io.nurtureflow.process;

import io.nurtureflow.capture.Channels;
import io.nurtureflow.customer.Customer;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.Stage;
import io.nurtureflow.segment.Segments;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.BACK_FROM_SILENCE;
import static io.nurtureflow.process.ProcessVocabulary.CAPTURED_AT;
import static io.nurtureflow.process.ProcessVocabulary.CHANNEL_ID;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.LEAD_LIFECYCLE;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;

/**
 * One lifecycle per customer, business key = customer id; a repeated start finds the running one, whatever flow it
 * runs. The flow is the one the tagging decision names, else the channel's, else lead-lifecycle; the SOP plan is
 * pinned inside the lifecycle, after tagging.
 */
@Component
class LifecycleStarter {

    private static final Logger log = LoggerFactory.getLogger(LifecycleStarter.class);

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final Customers customers;
    private final Channels channels;
    private final LeadTaggingDecision decision;
    private final EngineLifecycleFlows flows;
    private final Segments segments;
    private final Clock clock;

    LifecycleStarter(RuntimeService runtime, RepositoryService repository, Customers customers, Channels channels,
                     LeadTaggingDecision decision, EngineLifecycleFlows flows, Segments segments, Clock clock) {
        this.runtime = runtime;
        this.repository = repository;
        this.customers = customers;
        this.channels = channels;
        this.decision = decision;
        this.flows = flows;
        this.segments = segments;
        this.clock = clock;
    }

    void start(String customerId) {
        start(customerId, false);
    }

    /**
     * A customer created in this very transaction and never attached to a lifecycle cannot have one yet (its id is
     * new), so none is looked for: that look-up by business key was one of the costliest queries of an intake.
     */
    void start(String customerId, boolean createdJustNow) {
        var customer = customers.get(customerId);
        boolean mayHaveOne = !createdJustNow || customer.lifecycleInstanceId() != null;
        if (mayHaveOne && running(customer)) {
            return;
        }
        if (customer.stage() != Stage.NURTURING) {
            segments.nurturing(customer.id());
        }
        var variables = Variables.createVariables()
                .putValue(CUSTOMER_ID, customer.id())
                .putValue(OWNER_REP, customer.ownerRep())
                .putValue(CHANNEL_ID, customer.channelId())
                .putValue(CAPTURED_AT, Date.from(clock.instant()))
                .putValue(BACK_FROM_SILENCE, false);
        var instance = runtime.startProcessInstanceByKey(flowOf(customer), customer.id(), variables);
        customers.attachLifecycle(customer.id(), instance.getId());
    }

    /**
     * By the attached instance (one adopted in a merge keeps its own business key), else by business key: other
     * flows an admin composes run under the customer's id too, so only a lifecycle flow's instance counts.
     */
    private boolean running(Customer customer) {
        if (customer.lifecycleInstanceId() != null
                && runtime.createProcessInstanceQuery().processInstanceId(customer.lifecycleInstanceId()).count() > 0) {
            return true;
        }
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(customer.id()).list().stream()
                .anyMatch(instance -> LifecycleContract.declaredBy(
                        repository.getProcessDefinition(instance.getProcessDefinitionId()).getKey()));
    }

    /** A flow named but no longer usable (undeployed, suspended, broken) is passed over, not a lost lead. */
    private String flowOf(Customer customer) {
        String decided = decision.flow(customer.id(), customer.channelId());
        String ofChannel = customer.channelId() == null ? null : channels.get(customer.channelId()).lifecycleFlow();
        for (String named : new String[] {decided, ofChannel}) {
            if (named == null) {
                continue;
            }
            var refusal = flows.refusal(named);
            if (refusal.isEmpty()) {
                return named;
            }
            log.warn("customer {} not put on flow '{}': {}", customer.id(), named, refusal.get());
        }
        return LEAD_LIFECYCLE;
    }
}
