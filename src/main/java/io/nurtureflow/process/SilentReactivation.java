package io.nurtureflow.process;

import io.nurtureflow.segment.Segments;
import io.nurtureflow.sop.Plans;
import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

import static io.nurtureflow.process.ProcessVocabulary.BACK_FROM_SILENCE;
import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;
import static io.nurtureflow.process.ProcessVocabulary.DORMANT_AFTER;
import static io.nurtureflow.process.ProcessVocabulary.SILENCE_AFTER;

/**
 * The silent stage of the lifecycle. The lead's new-lead plan pauses where it stood while the sparser silent plan
 * runs; a lead that engages again goes back into nurture and its plan resumes, one that stays quiet ends dormant.
 */
@Configuration
class SilentReactivation {

    /** Nurture went quiet: the lead moves to the silent segment, and the silent plan takes over its pushes. */
    @Bean
    JavaDelegate moveToSilentDelegate(Segments segments, Plans plans, Pushes pushes, Clock clock) {
        return execution -> {
            String customerId = customer(execution);
            segments.silent(customerId, (String) execution.getVariable(SILENCE_AFTER));
            var silentPlan = plans.choose(Segments.SILENT_PLAN, null);
            pushes.start(customerId, silentPlan, clock.instant());
            execution.setVariable(DORMANT_AFTER, plans.silencePeriod(silentPlan).toString());
        };
    }

    /** A silent lead engaged: it is in nurture again, contacted as a follow-up, and its plan resumes. */
    @Bean
    JavaDelegate returnToNurtureDelegate(Segments segments) {
        return execution -> {
            segments.backFromSilence(customer(execution));
            execution.setVariable(BACK_FROM_SILENCE, true);
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
