package io.nurtureflow.segment;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.Stage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Moves a customer between segments when its lifecycle says so. */
@Service
public class Segments {

    public static final String SILENT_PLAN = "silent";

    private final Customers customers;
    private final OptOutMapper optOuts;
    private final Clock clock;

    Segments(Customers customers, OptOutMapper optOuts, Clock clock) {
        this.customers = customers;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    public void converted(String customerId) {
        customers.moveTo(customerId, Stage.CUSTOMER, "purchased; new-lead SOP ended");
    }

    public void silent(String customerId, String silenceAfter) {
        customers.moveTo(customerId, Stage.SILENT, "no interaction for " + silenceAfter + "; silent SOP started");
    }

    public void dormant(String customerId, String silentFor) {
        customers.moveTo(customerId, Stage.DORMANT, "still silent " + silentFor + " into the silent SOP");
    }

    /** Recorded for good: a later stage change does not make the customer reachable by pushes again. */
    @Transactional
    public void optedOut(String customerId) {
        if (!optOuts.exists(customerId)) {
            optOuts.insert(customerId, clock.instant(), "unsubscribed");
        }
        customers.moveTo(customerId, Stage.OPTED_OUT, "unsubscribed; no further pushes");
    }

    /** An unsubscribe is for good: no plan, new or restarted, may push to this customer again. */
    public boolean hasOptedOut(String customerId) {
        return optOuts.exists(customerId);
    }

    public void churned(String customerId) {
        customers.moveTo(customerId, Stage.CHURNED, "the customer deleted the rep");
    }

    public void engaged(String customerId) {
        customers.moveTo(customerId, Stage.ENGAGED, "showed intent");
    }

    public void backFromSilence(String customerId) {
        customers.moveTo(customerId, Stage.ENGAGED, "a silent lead engaged: back in nurture");
    }

    public void nurturing(String customerId) {
        customers.moveTo(customerId, Stage.NURTURING, "nurture started");
    }
}
