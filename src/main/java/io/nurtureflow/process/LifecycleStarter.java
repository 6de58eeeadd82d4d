package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.Stage;
import io.nurtureflow.segment.Segments;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
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
 * One lifecycle per customer, business key = customer id; a repeated start finds the running one. The SOP plan
 * is pinned inside the lifecycle, after tagging (whose decision may name one).
 */
@Component
class LifecycleStarter {

    private final RuntimeService runtime;
    private final Customers customers;
    private final Segments segments;
    private final Clock clock;

    LifecycleStarter(RuntimeService runtime, Customers customers, Segments segments, Clock clock) {
        this.runtime = runtime;
        this.customers = customers;
        this.segments = segments;
        this.clock = clock;
    }

    void start(String customerId) {
        var customer = customers.get(customerId);
        // by business key for its own lifecycle, by the attached instance for one adopted in a merge
        boolean running = runtime.createProcessInstanceQuery().processDefinitionKey(LEAD_LIFECYCLE)
                .processInstanceBusinessKey(customer.id()).count() > 0
                || customer.lifecycleInstanceId() != null
                && runtime.createProcessInstanceQuery().processInstanceId(customer.lifecycleInstanceId()).count() > 0;
        if (running) {
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
        var instance = runtime.startProcessInstanceByKey(LEAD_LIFECYCLE, customer.id(), variables);
        customers.attachLifecycle(customer.id(), instance.getId());
    }
}
