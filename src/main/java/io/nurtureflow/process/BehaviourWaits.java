package io.nurtureflow.process;

import io.nurtureflow.events.BehaviourObserved;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends the waits of flows built from the "Wait for a behaviour" element template: a receive task whose local
 * {@code behaviour} names the signal, in any process whose business key is the customer. The lifecycle's own
 * message events are the correlator's business; these waits are the ones admins compose themselves.
 */
@Component
class BehaviourWaits {

    static final String BEHAVIOUR = "behaviour";
    private static final Logger log = LoggerFactory.getLogger(BehaviourWaits.class);

    private final RuntimeService runtime;

    BehaviourWaits(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @TransactionalEventListener
    void afterCommit(BehaviourObserved observed) {
        var waiting = runtime.createExecutionQuery().processInstanceBusinessKey(observed.customerId())
                .variableValueEquals(BEHAVIOUR, observed.signal().name()).list();
        for (var execution : waiting) {
            try {
                runtime.signal(execution.getId());
            } catch (OptimisticLockingException movedMeanwhile) {
                log.debug("wait {} ended by another thread", execution.getId());
            }
        }
    }
}
