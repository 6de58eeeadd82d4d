package io.nurtureflow.system;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.helpers.MessageFormatter;

/**
 * {@code %m} of logback-spring.xml: a log message with its mobile numbers masked, whoever wrote it. Camunda, MyBatis
 * and the JDBC driver quote phones we never get to mask, e.g. a duplicate key error naming the identity it refused.
 * The values a message quotes come from outside (a query parameter, a callback field): they are rendered on one
 * line and shortened, so a CR/LF cannot start a forged line and 2,000 characters do not flood the log.
 * Public because logback instantiates it by class name.
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        String message = arguments == null || arguments.length == 0
                ? Masking.continuationLinesIndented(event.getFormattedMessage())
                : MessageFormatter.basicArrayFormat(event.getMessage(), quoted(arguments));
        return Masking.phonesIn(message);
    }

    private static Object[] quoted(Object[] arguments) {
        var quoted = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            quoted[i] = Masking.inputForLog(arguments[i]);
        }
        return quoted;
    }
}
