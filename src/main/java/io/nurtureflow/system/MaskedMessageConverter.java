package io.nurtureflow.system;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m} of logback-spring.xml: a log message with its mobile numbers masked, whoever wrote it. Camunda, MyBatis
 * and the JDBC driver quote phones we never get to mask, e.g. a duplicate key error naming the identity it refused.
 * Public because logback instantiates it by class name.
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Masking.phonesIn(super.convert(event));
    }
}
