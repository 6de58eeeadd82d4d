package io.nurtureflow.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The pollers (inbox sweep, delivery read-back, tag and contact-way sync, score decay) run on their own timers in
 * the service. The test suite turns them off ({@code nurture.scheduling.enabled=false}): a poller that fires at a
 * moment of its own choosing makes a test's outcome depend on timing, so a test that needs one calls it.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "nurture.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class Scheduling {
}
