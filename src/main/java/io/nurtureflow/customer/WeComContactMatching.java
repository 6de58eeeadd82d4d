package io.nurtureflow.customer;

import io.nurtureflow.wecom.WeComContact;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the customer a WeCom contact is, as one rep sees it: by external user id, then unionid, then the phone
 * numbers the rep noted (normalized). The customer gains the identities it lacked, never one another customer
 * holds (that is told on its timeline, once), and its name if it had none. Only what is new counts as a change,
 * so taking the same contact twice changes nothing.
 */
@Component
class WeComContactMatching {

    private static final int NAME_LENGTH = 100;

    private final CustomerMapper customers;
    private final Timeline timeline;
    private final LeadFunnel funnel;
    private final Clock clock;

    WeComContactMatching(CustomerMapper customers, Timeline timeline, LeadFunnel funnel, Clock clock) {
        this.customers = customers;
        this.funnel = funnel;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** What to do with a contact that matches nobody. */
    enum Unmatched {
        /** an existing contact being imported: a new customer owned by the rep */
        CREATE,
        /** a change to a contact we do not know: not ours to invent a customer for */
        LEAVE
    }

    enum Outcome {
        CREATED, UPDATED, UNCHANGED, UNKNOWN
    }

    /** The customer, and what taking the contact did to it; {@code customerId} null when left unknown. */
    record Taken(String customerId, Outcome outcome) {
    }

    Taken take(WeComContact contact, String rep, Unmatched unmatched) {
        var identities = new ArrayList<Identity>();
        identities.add(new Identity(IdentityKind.EXTERNAL_USER_ID, contact.externalUserId()));
        if (contact.unionid() != null) {
            identities.add(new Identity(IdentityKind.UNIONID, contact.unionid()));
        }
        List<String> phones = PhoneNumbers.validOnly(contact.remarkMobilesOf(rep));
        phones.forEach(phone -> identities.add(new Identity(IdentityKind.PHONE, phone)));
        var customer = identities.stream().map(this::holder).flatMap(Optional::stream).findFirst();
        if (customer.isEmpty()) {
            return unmatched == Unmatched.CREATE ? create(contact, rep, identities, phones) : new Taken(null, Outcome.UNKNOWN);
        }
        String id = customer.get().id();
        var added = new ArrayList<String>();
        for (var identity : identities) {
            var holder = holder(identity);
            if (holder.isEmpty()) {
                customers.insertIdentity(identity.kind(), identity.idValue(), id, clock.instant());
                added.add(identity.kind().name());
                if (identity.kind() == IdentityKind.EXTERNAL_USER_ID) {
                    funnel.reached(id, FunnelStep.WECOM_ADDED, clock.instant());
                }
            } else if (!holder.get().id().equals(id)) {
                timeline.recordOnce(id, "IDENTITY", identity.kind() + " of " + rep + "'s WeCom contact stays with customer "
                        + holder.get().id());
            }
        }
        String name = name(contact);
        if (customer.get().name() == null && name != null) {
            customers.updateName(id, name, clock.instant());
            added.add("name");
        }
        if (added.isEmpty()) {
            return new Taken(id, Outcome.UNCHANGED);
        }
        timeline.record(id, "WECOM_CONTACT", "From " + rep + "'s WeCom contact: " + String.join(", ", added));
        return new Taken(id, Outcome.UPDATED);
    }

    private Taken create(WeComContact contact, String rep, List<Identity> identities, List<String> phones) {
        var now = clock.instant();
        String id = CustomerIds.next(clock);
        // an existing contact is no new lead: known, owned, and outside any lifecycle until it comes in as a lead
        customers.insert(id, name(contact), rep, Stage.SILENT, null,
                phones.isEmpty() ? null : CrmMatching.tail(phones.get(0)), now);
        identities.forEach(identity -> customers.insertIdentity(identity.kind(), identity.idValue(), id, now));
        timeline.record(id, "IMPORTED", "Imported from " + rep + "'s WeCom contacts");
        return new Taken(id, Outcome.CREATED);
    }

    private Optional<Customer> holder(Identity identity) {
        return customers.findByIdentity(identity.kind(), identity.idValue());
    }

    private static String name(WeComContact contact) {
        String name = contact.name();
        return name == null || name.length() <= NAME_LENGTH ? name : name.substring(0, NAME_LENGTH);
    }
}
