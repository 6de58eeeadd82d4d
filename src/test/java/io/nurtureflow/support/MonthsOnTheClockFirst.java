package io.nurtureflow.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * The suite's class order (junit-platform.properties): the classes that move the clock by months first, then the
 * rest, each group by class name so a run's order is the same on every machine.
 */
public final class MonthsOnTheClockFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((ClassDescriptor c) -> !c.isAnnotated(MovesTheClockByMonths.class))
                .thenComparing(c -> c.getTestClass().getName()));
    }
}
