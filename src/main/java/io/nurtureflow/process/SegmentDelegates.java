package io.nurtureflow.process;

import io.nurtureflow.segment.Segments;
import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;

/** The lifecycle's exits, each moving the customer to its segment and cancelling the pushes still waiting. */
@Configuration
class SegmentDelegates {

    @Bean
    JavaDelegate markConvertedDelegate(Segments segments, Pushes pushes) {
        return execution -> {
            String customerId = (String) execution.getVariable(CUSTOMER_ID);
            segments.converted(customerId);
            pushes.cancelScheduled(customerId, "purchased");
        };
    }

    @Bean
    JavaDelegate markOptedOutDelegate(Segments segments, Pushes pushes) {
        return execution -> {
            String customerId = (String) execution.getVariable(CUSTOMER_ID);
            segments.optedOut(customerId);
            pushes.cancelScheduled(customerId, "unsubscribed");
        };
    }

    @Bean
    JavaDelegate markChurnedDelegate(Segments segments, Pushes pushes) {
        return execution -> {
            String customerId = (String) execution.getVariable(CUSTOMER_ID);
            segments.churned(customerId);
            pushes.cancelScheduled(customerId, "the customer deleted the rep");
        };
    }
}
