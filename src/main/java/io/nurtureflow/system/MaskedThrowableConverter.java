package io.nurtureflow.system;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx} of logback-spring.xml: Spring Boot's stack trace rendering with mobile numbers masked, since exception
 * messages (ours and the database's) and their causes quote the values that failed. Public because logback
 * instantiates it by class name.
 */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return Masking.phonesIn(super.throwableProxyToString(throwable));
    }
}
