package io.nurtureflow.system;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

import java.util.regex.Pattern;

/**
 * {@code %wEx} of logback-spring.xml: Spring Boot's stack trace rendering with mobile numbers masked, since exception
 * messages (ours and the database's) and their causes quote the values that failed. Public because logback
 * instantiates it by class name. An exception message quoting input with a line break in it would put a line of
 * the caller's choosing at the start of a line: such lines are indented like the frames around them.
 */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    /** A line of a rendered stack trace that starts neither a throwable nor a frame: part of a message. */
    private static final Pattern FORGEABLE = Pattern.compile(
            "(?m)(?<=\\n)(?![\\t ]|Caused by: |Suppressed: |Wrapped by: |[\\w$.]+(?:Exception|Error|Throwable)\\b)(?=.)");

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return Masking.phonesIn(FORGEABLE.matcher(super.throwableProxyToString(throwable)).replaceAll("\t$0"));
    }
}
