package io.nurtureflow.process;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.events.BehaviourObserved;
import io.nurtureflow.events.EventInbox;
import io.nurtureflow.events.Signal;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static io.nurtureflow.process.ProcessVocabulary.MSG_CUSTOMER_LEFT;
import static io.nurtureflow.process.ProcessVocabulary.MSG_ENGAGED;
import static io.nurtureflow.process.ProcessVocabulary.MSG_OPTED_OUT;
import static io.nurtureflow.process.ProcessVocabulary.MSG_PURCHASED;

/**
 * Hands stored events to the customer's lifecycle, by the process instance id kept on the customer row.
 * The inbox row is claimed in the same transaction as the correlation, so an event is correlated once even
 * when the after-commit hand-off and the sweep race; whatever fails stays in the inbox for the next sweep.
 */
@Component
class SignalCorrelator {

    private static final Logger log = LoggerFactory.getLogger(SignalCorrelator.class);
    private static final int SWEEP_BATCH = 500;
    private static final int QUEUE = 10_000;
    private static final Map<Signal, String> MESSAGES = Map.of(
            Signal.ENGAGED, MSG_ENGAGED,
            Signal.PURCHASED, MSG_PURCHASED,
            Signal.OPTED_OUT, MSG_OPTED_OUT,
            Signal.CHURNED, MSG_CUSTOMER_LEFT);

    private final RuntimeService runtime;
    private final EventInbox inbox;
    private final Customers customers;
    private final TransactionTemplate ownTransaction;
    private final ExecutorService batches;

    /**
     * A correlation spends much of its time waiting on the database, so the pool may be wider than the cores; four
     * threads were never slower than two on the reference machine (2 cores, MariaDB beside the service; figures in
     * docs/BENCHMARKS.md, "where correlation's time goes") and stay well inside the connection pool.
     */
    SignalCorrelator(RuntimeService runtime, EventInbox inbox, Customers customers,
                     PlatformTransactionManager transactions,
                     @Value("${nurture.inbox.correlation-threads:4}") int threads) {
        this.runtime = runtime;
        this.inbox = inbox;
        this.customers = customers;
        this.batches = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE),
                runnable -> {
                    var thread = new Thread(runnable, "inbox-correlation");
                    thread.setDaemon(true);
                    return thread;
                });
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * A single event is correlated before its 202 goes out, so the rep's task is there when the caller looks.
     * A batch is stored and answered at once; its events are correlated by a small pool, and whatever that
     * pool cannot take right now stays RECEIVED for the sweep.
     */
    @TransactionalEventListener
    void afterCommit(BehaviourObserved observed) {
        if (!observed.batched()) {
            correlate(observed.inboxId(), observed.customerId(), observed.signal());
            return;
        }
        try {
            batches.execute(() -> correlate(observed.inboxId(), observed.customerId(), observed.signal()));
        } catch (RejectedExecutionException full) {
            log.debug("correlation pool full; inbox event {} waits for the sweep", observed.inboxId());
        }
    }

    /** What the pool has not taken yet stays RECEIVED in the inbox; the next start's sweep takes it. */
    @PreDestroy
    void stop() {
        batches.shutdownNow();
    }

    /**
     * Events whose first hand-off failed (engine busy, lock conflict, node restart) are taken again, and parked
     * events whose customer has appeared meanwhile are applied.
     */
    @Scheduled(fixedDelayString = "${nurture.inbox.sweep-millis:5000}")
    int sweep() {
        inbox.applyParked(SWEEP_BATCH);
        int handled = 0;
        for (var event : inbox.pending(SWEEP_BATCH)) {
            if (correlate(event.id(), event.customerId(), event.signalName())) {
                handled++;
            }
        }
        return handled;
    }

    private boolean correlate(long inboxId, String customerId, Signal signal) {
        try {
            return Boolean.TRUE.equals(ownTransaction.execute(status -> {
                if (!inbox.claim(inboxId)) {
                    return false;
                }
                String instanceId = customers.get(customerId).lifecycleInstanceId();
                if (instanceId == null) {
                    throw new MismatchingMessageCorrelationException(MESSAGES.get(signal), "no lifecycle for " + customerId);
                }
                runtime.createMessageCorrelation(MESSAGES.get(signal)).processInstanceId(instanceId).correlateWithResult();
                return true;
            }));
        } catch (MismatchingMessageCorrelationException notListening) {
            // the lifecycle has ended or is not waiting for this: the event stays on the timeline, nothing else
            ownTransaction.executeWithoutResult(status -> inbox.markHandled(inboxId, "IGNORED",
                    "no lifecycle listening for " + MESSAGES.get(signal)));
            return true;
        } catch (OptimisticLockingException conflict) {
            log.debug("inbox event {} met a concurrent change; the sweep takes it again", inboxId);
            return false;
        } catch (RuntimeException e) {
            // stored is stored: the event waits in the inbox for the next sweep, the caller still gets its 202
            log.warn("inbox event {} could not be correlated yet: {}", inboxId, e.toString());
            return false;
        }
    }
}
