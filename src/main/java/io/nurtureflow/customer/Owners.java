package io.nurtureflow.customer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** Who owns a customer, since when, and every change of it with its reason. */
@Service
class Owners {

    private final CustomerMapper customers;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final CustomerSettings settings;
    private final Clock clock;

    Owners(CustomerMapper customers, Timeline timeline, ApplicationEventPublisher events, CustomerSettings settings,
           Clock clock) {
        this.customers = customers;
        this.timeline = timeline;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a lead brought in by {@code rep} touches another rep's customer, and whether that rep is protected. */
    Ownership ownershipFor(Customer customer, String rep) {
        if (rep == null || Objects.equals(rep, customer.ownerRep())) {
            return Ownership.SAME_REP;
        }
        Instant since = customer.ownerSince() == null ? customer.createdAt() : customer.ownerSince();
        boolean protectedNow = customer.ownerRep() != null
                && clock.instant().isBefore(since.plus(settings.protectionWindow()));
        return protectedNow ? Ownership.PROTECTED : Ownership.EXPIRED;
    }

    /** Changing to the current owner changes nothing, so a retried step is harmless. */
    @Transactional
    void change(String customerId, String toRep, String reason, String by) {
        var customer = customers.lock(customerId).orElseThrow();
        if (Objects.equals(customer.ownerRep(), toRep)) {
            return;
        }
        var now = clock.instant();
        customers.updateOwner(customerId, toRep, now);
        customers.insertOwnerChange(customerId, customer.ownerRep(), toRep, reason, by, now);
        timeline.record(customerId, "OWNER", "Owner " + customer.ownerRep() + " → " + toRep + ": " + reason
                + " (by " + by + ")");
        events.publishEvent(new OwnerChanged(customerId, customer.ownerRep(), toRep));
    }
}
