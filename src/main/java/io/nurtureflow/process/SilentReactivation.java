package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.segment.Segments;
import io.nurtureflow.sop.Plans;
import io.nurtureflow.sop.Pushes;
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
import static io.nurtureflow.process.ProcessVocabulary.DORMANT_AFTER;
import static io.nurtureflow.process.ProcessVocabulary.MSG_BACK_FROM_SILENCE;
import static io.nurtureflow.process.ProcessVocabulary.NURTURE_CAPTURED_AT;
import static io.nurtureflow.process.ProcessVocabulary.NURTURE_PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.NURTURE_PLAN_VERSION;
import static io.nurtureflow.process.ProcessVocabulary.OWNER_REP;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_KEY;
import static io.nurtureflow.process.ProcessVocabulary.PLAN_VERSION;
import static io.nurtureflow.process.ProcessVocabulary.SILENCE_AFTER;
import static io.nurtureflow.process.ProcessVocabulary.SILENT_REACTIVATION;

/**
 * The hand-overs between the lifecycle and the silent SOP. Each side is its own instance and the customer row
 * names the one that listens, so behaviour events always reach whichever is running. The silent SOP keeps where
 * the new-lead plan stood, so a lead that comes back resumes it instead of starting over or losing it.
 */
@Configuration
class SilentReactivation {

    /** The lifecycle went silent: the lead moves to the silent segment and its sparser SOP starts. */
    @Bean
    JavaDelegate moveToSilentDelegate(Segments segments, Customers customers, Plans plans, RuntimeService runtime,
                                      Clock clock) {
        return execution -> {
            String customerId = customer(execution);
            segments.silent(customerId, (String) execution.getVariable(SILENCE_AFTER));
            var silentPlan = plans.choose(Segments.SILENT_PLAN, null);
            var variables = Variables.createVariables()
                    .putValue(CUSTOMER_ID, customerId)
                    .putValue(OWNER_REP, execution.getVariable(OWNER_REP))
                    .putValue(CHANNEL_ID, execution.getVariable(CHANNEL_ID))
                    .putValue(SILENCE_AFTER, execution.getVariable(SILENCE_AFTER))
                    .putValue(DORMANT_AFTER, plans.silencePeriod(silentPlan).toString())
                    .putValue(PLAN_KEY, silentPlan.key())
                    .putValue(PLAN_VERSION, silentPlan.version())
                    .putValue(CAPTURED_AT, Date.from(clock.instant()))
                    .putValue(NURTURE_PLAN_KEY, execution.getVariable(PLAN_KEY))
                    .putValue(NURTURE_PLAN_VERSION, execution.getVariable(PLAN_VERSION))
                    .putValue(NURTURE_CAPTURED_AT, execution.getVariable(CAPTURED_AT));
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
                    .putValue(SILENCE_AFTER, execution.getVariable(SILENCE_AFTER))
                    .putValue(PLAN_KEY, execution.getVariable(NURTURE_PLAN_KEY))
                    .putValue(PLAN_VERSION, execution.getVariable(NURTURE_PLAN_VERSION))
                    .putValue(CAPTURED_AT, execution.getVariable(NURTURE_CAPTURED_AT));
            var lifecycle = runtime.startProcessInstanceByMessage(MSG_BACK_FROM_SILENCE, customerId, variables);
            customers.attachLifecycle(customerId, lifecycle.getId());
        };
    }

    @Bean
    JavaDelegate markDormantDelegate(Segments segments, Pushes pushes) {
        return execution -> {
            String customerId = customer(execution);
            segments.dormant(customerId, (String) execution.getVariable(DORMANT_AFTER));
            pushes.stop(customerId, "dormant");
        };
    }

    private static String customer(DelegateExecution execution) {
        return (String) execution.getVariable(CUSTOMER_ID);
    }
}
