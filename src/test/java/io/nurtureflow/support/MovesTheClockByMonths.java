package io.nurtureflow.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose tests move the engine clock by months. Each simulated day runs every send window and every
 * lead's timers for all the leads the shared database holds, so these classes run first ({@link
 * MonthsOnTheClockFirst}), while it holds few. Only the suite's duration depends on it, never an outcome.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface MovesTheClockByMonths {
}
