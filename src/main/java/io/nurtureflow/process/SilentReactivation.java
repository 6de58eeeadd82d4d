package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.segment.Segments;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.Date;

import static io.nurtureflow.process.ProcessVocabulary.CAPTURED_AT;
import static io.nurtureflow.process.ProcessVocabulary.CHANNEL_ID;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.DEFAULT_DORMANCY;
import static io.nurtureflow.process.ProcessVocabulary.DORMANT_AFTER;
import static io.nurtureflow.process.ProcessVocabulary.LAST_STEP;
import static io.nurtureflow.process.ProcessVocabulary.MSG_BACK_FROM_SILENCE;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.SILENCE_AFTER;
import static io.nurtureflow.process.ProcessVocabulary.SILENT_REACTIVATION;

/**
 * The hand-overs between the lifecycle and the silent SOP. Each side is its own instance and the customer row
 * names the one that listens, so behaviour events always reach whichever is running.
 */
@Configuration
class SilentReactivation {

    /** The lifecycle went silent: the lead moves to the silent segment and its sparser SOP starts. */
    @Bean
    JavaDelegate moveToSilentDelegate(Segments segments, Customers customers, RuntimeService runtime, Clock clock) {
        return execution -> {
            String customerId = customer(execution);
            segments.silent(customerId, (String) execution.getVariable(SILENCE_AFTER));
            var variables = Variables.createVariables()
                    .putValue(CUSTOMER_ID, customerId)
                    .putValue(OWNER_REP, execution.getVariable(OWNER_REP))
                    .putValue(CHANNEL_ID, execution.getVariable(CHANNEL_ID))
                    .putValue(SILENCE_AFTER, execution.getVariable(SILENCE_AFTER))
                    .putValue(DORMANT_AFTER, DEFAULT_DORMANCY)
                    .putValue(PLAN_KEY, Segments.SILENT_PLAN)
                    .putValue(LAST_STEP, 0)
                    .putValue(CAPTURED_AT, Date.from(clock.instant()));
            var silent = runtime.startProcessInstanceByKey(SILENT_REACTIVATION, customerId, variables);
            customers.attachLifecycle(customerId, silent.getId());
        };
    }

    /** A silent lead engaged: nurture resumes in a new lifecycle that opens a follow-up at once. */
    @Bean
    JavaDelegate returnToNurtureDelegate(Segments segments, Customers customers, RuntimeService runtime) {
        return execution -> {
            String customerId = customer(execution);
            segments.backFromSilence(customerId);
            var variables = Variables.createVariables()
                    .putValue(CUSTOMER_ID, customerId)
                    .putValue(OWNER_REP, execution.getVariable(OWNER_REP))
                    .putValue(CHANNEL_ID, execution.getVariable(CHANNEL_ID))
                    .putValue(SILENCE_AFTER, execution.getVariable(SILENCE_AFTER));
            var lifecycle = runtime.startProcessInstanceByMessage(MSG_BACK_FROM_SILENCE, customerId, variables);
            customers.attachLifecycle(customerId, lifecycle.getId());
        };
    }

    @Bean
    JavaDelegate markDormantDelegate(Segments segments) {
        return execution -> segments.dormant(customer(execution), (String) execution.getVariable(DORMANT_AFTER));
    }

    private static String customer(DelegateExecution execution) {
        return (String) execution.getVariable(CUSTOMER_ID);
    }
}
