package io.nurtureflow.process;

import io.nurtureflow.segment.Segments;
import io.nurtureflow.sop.Pushes;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

import static io.nurtureflow.process.ProcessVocabulary.CUSTOMER_ID;

/** The lifecycle's exits, each moving the customer to its segment and cancelling the pushes still waiting. */
@Configuration
class SegmentDelegates {

    @Bean
    JavaDelegate markConvertedDelegate(Segments segments, Pushes pushes) {
        return exit(segments::converted, pushes, "purchased");
    }

    @Bean
    JavaDelegate markOptedOutDelegate(Segments segments, Pushes pushes) {
        return exit(segments::optedOut, pushes, "unsubscribed");
    }

    @Bean
    JavaDelegate markChurnedDelegate(Segments segments, Pushes pushes) {
        return exit(segments::churned, pushes, "the customer deleted the rep");
    }

    private static JavaDelegate exit(Consumer<String> moveToSegment, Pushes pushes, String why) {
        return execution -> {
            String customerId = (String) execution.getVariable(CUSTOMER_ID);
            moveToSegment.accept(customerId);
            pushes.stop(customerId, why);
        };
    }
}
