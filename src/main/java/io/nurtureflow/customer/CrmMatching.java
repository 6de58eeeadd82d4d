package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Masking;
import io.nurtureflow.system.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/**
 * Matches a captured lead against the customers we know (撞单) and carries out what lead-intake decides.
 * Each method is one step of lead-intake and safe to repeat: a retried job finds its own earlier work.
 */
@Service
public class CrmMatching {

    private static final Logger log = LoggerFactory.getLogger(CrmMatching.class);
    private static final String SYSTEM = "system";

    private final LeadMapper leads;
    private final CustomerMapper customers;
    private final Owners owners;
    private final Timeline timeline;
    private final LeadFunnel funnel;
    private final Clock clock;

    CrmMatching(LeadMapper leads, CustomerMapper customers, Owners owners, Timeline timeline, LeadFunnel funnel,
                Clock clock) {
        this.leads = leads;
        this.funnel = funnel;
        this.customers = customers;
        this.owners = owners;
        this.timeline = timeline;
        this.clock = clock;
    }

    public StoredLead lead(long leadId) {
        return leads.find(leadId).orElseThrow(() -> new NotFound("No captured lead " + leadId + "."));
    }

    /**
     * Exact identity match, strongest identity first, decides alone; a known external user id that arrives with
     * a phone nobody has, or the same name with the same last four phone digits, is only a likeness.
     */
    @Transactional(readOnly = true)
    public Match match(long leadId) {
        var lead = lead(leadId);
        var byUnionid = find(IdentityKind.UNIONID, lead.unionid());
        if (byUnionid.isPresent()) {
            return exact(lead, byUnionid.get());
        }
        var byExternal = find(IdentityKind.EXTERNAL_USER_ID, lead.externalUserId());
        var byPhone = find(IdentityKind.PHONE, lead.phone());
        if (byExternal.isPresent()) {
            boolean newPhone = lead.phone() != null && byPhone.isEmpty() && hasPhone(byExternal.get().id());
            return newPhone ? weak(byExternal.get()) : exact(lead, byExternal.get());
        }
        if (byPhone.isPresent()) {
            return exact(lead, byPhone.get());
        }
        var byEmail = find(IdentityKind.EMAIL, lead.email());
        if (byEmail.isPresent()) {
            return exact(lead, byEmail.get());
        }
        if (lead.name() != null && lead.phone() != null) {
            var alike = customers.idsByNameAndTail(lead.name(), tail(lead.phone()), 1);
            if (!alike.isEmpty()) {
                // each statement reads what is committed when it runs (READ COMMITTED): the likeness may be a
                // simultaneous intake of this very phone that committed after the phone was looked up above
                var committedSince = find(IdentityKind.PHONE, lead.phone());
                return committedSince.isPresent() ? exact(lead, committedSince.get())
                        : weak(customers.find(alike.get(0)).orElseThrow());
            }
        }
        return new Match(MatchStrength.NONE, MatchOutcome.NEW, null, null, Ownership.SAME_REP);
    }

    /** A sales lead decided a likeness is the same person: the lead is matched to that customer after all. */
    @Transactional(readOnly = true)
    public Match confirmLikeness(long leadId, String candidateId) {
        var candidate = customers.find(candidateId).orElseThrow(() -> new NotFound("No customer " + candidateId + "."));
        if (candidate.mergedInto() != null) {
            candidate = customers.find(candidate.mergedInto()).orElseThrow();
        }
        return exact(lead(leadId), candidate);
    }

    /**
     * A new customer id with the lead's identities; the database refuses a second owner of any identity. An
     * identity that the likeness a sales lead kept apart already holds stays with that customer. A lead that was
     * like nobody and still finds an identity of its own taken met a simultaneous intake of the same person that
     * committed after this one matched: it must not become a second customer, so the intake is taken again and
     * finds the first one.
     *
     * @param keptApartFrom the reviewed likeness this lead is not, or null when it was like nobody
     */
    @Transactional
    public String createCustomer(long leadId, String keptApartFrom) {
        var lead = lead(leadId);
        if (lead.customerId() != null) {
            return lead.customerId();
        }
        var now = clock.instant();
        String id = CustomerIds.next(clock);
        customers.insert(id, lead.name(), lead.assignedRep(), Stage.NURTURING, lead.channelId(), tail(lead.phone()), now);
        boolean wecomContact = addIdentities(lead, id, keptApartFrom == null);
        // after the identities: a simultaneous intake of the same person must meet the identity key first and
        // retry as a touchpoint, not wait on the shared counter and then find the identity already taken
        funnel.captured(id, lead.channelId(), lead.ref(), lead.assignedRep(), now);
        if (wecomContact) {
            funnel.reached(id, FunnelStep.WECOM_ADDED, now);
        }
        // the first scan is a touchpoint too: every captured lead is one, whichever path it took
        leads.insertTouchpoint(id, leadId, lead.channelId(), now);
        leads.recordOutcome(leadId, id, MatchOutcome.NEW);
        timeline.record(id, "CAPTURED", "New lead from " + lead.source() + " (channel " + lead.channelId()
                + "), owner " + lead.assignedRep());
        log.info("lead {} became customer {} (phone {})", leadId, id,
                lead.phone() == null ? "-" : Masking.phone(lead.phone()));
        return id;
    }

    /** The same person came in again: a touchpoint, never a second nurture; new identities join the customer. */
    @Transactional
    public void addTouchpoint(long leadId, String customerId, MatchOutcome outcome) {
        var lead = lead(leadId);
        if (lead.outcome() != null) {
            return;
        }
        if (addIdentities(lead, customerId, false)) {
            funnel.reached(customerId, FunnelStep.WECOM_ADDED, clock.instant());
        }
        leads.insertTouchpoint(customerId, leadId, lead.channelId(), clock.instant());
        leads.recordOutcome(leadId, customerId, outcome);
        timeline.record(customerId, "TOUCHPOINT", "Came in again from " + lead.source() + " (channel "
                + lead.channelId() + "): " + outcome);
    }

    /** The owner's protection window has ended: the rep who brought the lead in now owns the customer. */
    @Transactional
    public String takeOver(long leadId, String customerId) {
        owners.change(customerId, lead(leadId).assignedRep(), "protection window ended; taken over by the rep of lead "
                + leadId, SYSTEM);
        return customers.find(customerId).orElseThrow().ownerRep();
    }

    /** A sales lead settled a collision (撞单): keep the protected owner, or give the customer to the new rep. */
    @Transactional
    public String settleCollision(long leadId, String customerId, CollisionDecision decision, String decidedBy) {
        if (decision == null) {
            throw new BadInput("decision", "decision must be KEEP_OWNER or REASSIGN.");
        }
        var lead = lead(leadId);
        if (decision == CollisionDecision.REASSIGN) {
            owners.change(customerId, lead.assignedRep(), "collision with lead " + leadId + " settled: reassigned",
                    decidedBy);
        } else {
            timeline.record(customerId, "COLLISION", "Collision with " + lead.assignedRep() + " (lead " + leadId
                    + ") settled by " + decidedBy + ": owner kept");
        }
        return customers.find(customerId).orElseThrow().ownerRep();
    }

    private Match exact(StoredLead lead, Customer customer) {
        MatchOutcome outcome = customer.stage() == Stage.CUSTOMER ? MatchOutcome.PAST_BUYER
                : customer.stage().inNurture() && customer.lifecycleInstanceId() != null ? MatchOutcome.IN_NURTURE
                : MatchOutcome.RETURNING;
        return new Match(MatchStrength.EXACT, outcome, customer.id(), customer.ownerRep(),
                owners.ownershipFor(customer, lead.assignedRep()));
    }

    private static Match weak(Customer candidate) {
        return new Match(MatchStrength.WEAK, MatchOutcome.NEW, candidate.id(), candidate.ownerRep(), Ownership.SAME_REP);
    }

    private boolean hasPhone(String customerId) {
        return customers.identities(customerId).stream().anyMatch(i -> i.kind() == IdentityKind.PHONE);
    }

    private Optional<Customer> find(IdentityKind kind, String value) {
        return value == null ? Optional.empty() : customers.findByIdentity(kind, value);
    }

    /**
     * @param takenIsARace whether an identity another customer holds means a simultaneous intake got there first
     *                     (an {@link IdentityTaken}), rather than a person kept apart, who keeps it
     * @return whether the lead's WeCom contact joined the customer now (a funnel step)
     */
    private boolean addIdentities(StoredLead lead, String customerId, boolean takenIsARace) {
        addIdentity(IdentityKind.PHONE, lead.phone(), customerId, takenIsARace);
        addIdentity(IdentityKind.UNIONID, lead.unionid(), customerId, takenIsARace);
        boolean wecomContact = addIdentity(IdentityKind.EXTERNAL_USER_ID, lead.externalUserId(), customerId, takenIsARace);
        addIdentity(IdentityKind.EMAIL, lead.email(), customerId, takenIsARace);
        return wecomContact;
    }

    /** @return whether the identity is new to the customer */
    private boolean addIdentity(IdentityKind kind, String value, String customerId, boolean takenIsARace) {
        if (value == null) {
            return false;
        }
        var holder = customers.findByIdentity(kind, value);
        if (holder.isEmpty()) {
            customers.insertIdentity(kind, value, customerId, clock.instant());
            return true;
        }
        if (!holder.get().id().equals(customerId)) {
            if (takenIsARace) {
                throw new IdentityTaken(holder.get().id());
            }
            timeline.record(customerId, "IDENTITY", kind + " stays with customer " + holder.get().id());
        }
        return false;
    }

    static String tail(String phone) {
        return phone == null || phone.length() < 4 ? null : phone.substring(phone.length() - 4);
    }

    /**
     * What matching found: for a likeness, {@code customerId} is the candidate a sales lead reviews; for an exact
     * match, the customer and how the lead's rep stands to its owner.
     */
    public record Match(MatchStrength strength, MatchOutcome outcome, String customerId, String ownerRep,
                        Ownership ownership) {
    }
}
