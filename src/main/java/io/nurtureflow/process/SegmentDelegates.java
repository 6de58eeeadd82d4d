package io.nurtureflow.process;

import io.nurtureflow.segment.Segments;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;

/** The lifecycle's exits, each moving the customer to its segment. */
@Configuration
class SegmentDelegates {

    @Bean
    JavaDelegate markConvertedDelegate(Segments segments) {
        return execution -> segments.converted((String) execution.getVariable(CUSTOMER_ID));
    }

    @Bean
    JavaDelegate markOptedOutDelegate(Segments segments) {
        return execution -> segments.optedOut((String) execution.getVariable(CUSTOMER_ID));
    }

    @Bean
    JavaDelegate markChurnedDelegate(Segments segments) {
        return execution -> segments.churned((String) execution.getVariable(CUSTOMER_ID));
    }
}
