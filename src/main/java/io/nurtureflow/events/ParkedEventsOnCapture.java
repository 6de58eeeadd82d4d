package io.nurtureflow.events;

import io.nurtureflow.customer.CrmMatching;
import io.nurtureflow.customer.LeadCaptured;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies the events parked for a lead's identities once its capture has committed. On a thread of its own: after
 * commit the request still holds its connection, and taking a second one there starves the pool when many leads
 * arrive at once. What this thread cannot take, the inbox sweep applies later.
 */
@Component
public class ParkedEventsOnCapture {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventsOnCapture.class);

    private final CrmMatching matching;
    private final EventInbox inbox;
    private final TransactionTemplate transaction;
    private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000), runnable -> new Thread(runnable, "parked-events"));
    private final AtomicInteger inFlight = new AtomicInteger();

    ParkedEventsOnCapture(CrmMatching matching, EventInbox inbox, PlatformTransactionManager transactions) {
        this.matching = matching;
        this.inbox = inbox;
        this.transaction = new TransactionTemplate(transactions);
    }

    @TransactionalEventListener
    void on(LeadCaptured captured) {
        inFlight.incrementAndGet();
        try {
            worker.execute(() -> {
                try {
                    transaction.executeWithoutResult(status -> apply(captured.leadId()));
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException full) {
            inFlight.decrementAndGet();
            log.debug("parked events of lead {} wait for the sweep", captured.leadId());
        }
    }

    /**
     * For the simulation clock: the leads captured before it moves have had their parked events applied, so the
     * clock's own inbox sweep does not race this thread for the same events.
     */
    public void awaitIdle(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void apply(long leadId) {
        var lead = matching.lead(leadId);
        if (lead.customerId() != null) {
            inbox.applyParked(lead.customerId(), lead.phone(), lead.externalUserId());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
