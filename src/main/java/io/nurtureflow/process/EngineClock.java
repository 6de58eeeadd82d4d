package io.nurtureflow.process;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock. It reads the engine's clock, so the due time our code computes and the moment the engine
 * fires a timer can never disagree, also when the simulation moves time forward. (ClockUtil is the only
 * engine-internal class we touch, and only here and in the simulation.)
 */
@Configuration
class EngineClock {

    @Bean
    Clock clock() {
        return new ClockUtilClock();
    }

    private static final class ClockUtilClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the engine clock has no zone; convert instants instead");
        }

        @Override
        public Instant instant() {
            return ClockUtil.now().toInstant();
        }
    }
}
