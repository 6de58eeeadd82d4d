package io.nurtureflow.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A value a flow reads once, in the gateway right after the task that sets it: transient, so that a waiting lead holds
 * no row for it. A lead that started on an older version of its flow may hold a stored one, and the engine refuses a
 * transient value over a stored one (ENGINE-17006, even when removed earlier in the same command): that one is
 * updated instead.
 */
final class TransientVariables {

    private TransientVariables() {
    }

    static void set(DelegateExecution execution, String name, Object value) {
        var existing = execution.getVariableTyped(name);
        boolean stored = existing != null && !existing.isTransient();
        execution.setVariable(name, stored ? value : Variables.untypedValue(value, true));
    }
}
