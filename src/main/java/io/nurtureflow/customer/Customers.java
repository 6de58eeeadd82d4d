package io.nurtureflow.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.system.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;
import java.util.Collection;

/** Reading customers and the few facts other features change on them: stage, score, lifecycle. */
@Service
public class Customers {

    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {
    };

    private final CustomerMapper customers;
    private final LeadMapper leads;
    private final Timeline timeline;
    private final ObjectMapper json;
    private final Owners owners;
    private final WeComFollowMapper follows;
    private final LeadFunnel funnel;
    private final Clock clock;

    Customers(CustomerMapper customers, LeadMapper leads, Timeline timeline, ObjectMapper json, Owners owners,
              WeComFollowMapper follows, LeadFunnel funnel, Clock clock) {
        this.customers = customers;
        this.funnel = funnel;
        this.follows = follows;
        this.owners = owners;
        this.leads = leads;
        this.timeline = timeline;
        this.json = json;
        this.clock = clock;
    }

    /** What the customer answered on the latest form (child's grade, subject, ...). */
    public Map<String, String> answers(String customerId) {
        String answers = leads.latestAnswers(customerId);
        try {
            return answers == null ? Map.of() : json.readValue(answers, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers of customer " + customerId + " are not the JSON we stored", e);
        }
    }

    /** The phone whose last four digits the customer row keeps (the survivor's, after a merge). */
    public Optional<String> primaryPhone(String customerId) {
        String tail = customers.phoneTail(customerId);
        var phones = customers.identities(customerId).stream().filter(i -> i.kind() == IdentityKind.PHONE)
                .map(Identity::idValue).toList();
        return phones.stream().filter(phone -> tail != null && phone.endsWith(tail)).findFirst()
                .or(() -> phones.stream().findFirst());
    }

    public Customer get(String id) {
        return customers.find(id).orElseThrow(() -> new NotFound("No customer " + id + "."));
    }

    public Optional<Customer> find(String id) {
        return customers.find(id);
    }

    public Optional<Customer> findByIdentity(IdentityKind kind, String value) {
        return customers.findByIdentity(kind, value);
    }

    public List<Identity> identities(String customerId) {
        return customers.identities(customerId);
    }

    /**
     * A lead added their rep through the WeCom code made for them: the WeCom contact is that lead's customer, for
     * certain, so it joins the customer at once instead of waiting for matching. Answers the customer, or empty
     * while the lead is still undecided (in review) or when another customer already holds the contact.
     */
    @Transactional
    public Optional<String> linkWeComContact(long leadId, String externalUserId, String rep) {
        var customerId = leads.find(leadId).map(StoredLead::customerId).flatMap(customers::find)
                .map(customer -> customer.mergedInto() == null ? customer.id() : customer.mergedInto());
        if (customerId.isEmpty()) {
            return Optional.empty();
        }
        var holder = customers.findByIdentity(IdentityKind.EXTERNAL_USER_ID, externalUserId);
        if (holder.isPresent()) {
            return holder.get().id().equals(customerId.get()) ? customerId : Optional.empty();
        }
        customers.insertIdentity(IdentityKind.EXTERNAL_USER_ID, externalUserId, customerId.get(), clock.instant());
        funnel.reached(customerId.get(), FunnelStep.WECOM_ADDED, clock.instant());
        timeline.record(customerId.get(), "WECOM_CONTACT", "Added " + rep + " in WeCom through the code made for lead "
                + leadId);
        return customerId;
    }

    /** The privacy-notice consents given with the customer's leads: what an admin shows to prove it. */
    List<LeadConsent> consents(String customerId) {
        return leads.consents(customerId);
    }

    /**
     * The WeCom external user id through which {@code rep} reaches the customer, the contact every WeCom call about
     * the customer as that rep names; empty when there is none or their WeCom relation has ended.
     */
    public Optional<String> weComContact(String customerId, String rep) {
        return Optional.ofNullable(weComContacts(List.of(customerId), rep).get(customerId));
    }

    /** Many customers in one read (a send window's batch); unknown ids are absent. */
    public Map<String, Customer> getAll(Collection<String> ids) {
        var byId = new HashMap<String, Customer>();
        if (!ids.isEmpty()) {
            customers.findAll(ids).forEach(c -> byId.put(c.id(), c));
        }
        return byId;
    }

    /**
     * The WeCom external user ids through which {@code rep} reaches many customers, in one read (a send window's
     * batch); a customer without one, or who deleted the rep or was deleted by them in WeCom, is absent.
     */
    public Map<String, String> weComContacts(Collection<String> customerIds, String rep) {
        var byCustomer = new HashMap<String, String>();
        if (!customerIds.isEmpty()) {
            follows.reachable(customerIds, rep).forEach(i -> byCustomer.putIfAbsent(i.customerId(), i.idValue()));
        }
        return byCustomer;
    }

    public List<String> idsOwnedBy(String rep) {
        return customers.idsOwnedBy(rep);
    }

    @Transactional
    public void moveTo(String customerId, Stage stage, String why) {
        customers.updateStage(customerId, stage, clock.instant());
        timeline.record(customerId, "STAGE", stage + ": " + why);
        FunnelStep.of(stage).ifPresent(step -> funnel.reached(customerId, step, clock.instant()));
    }

    @Transactional
    public void attachLifecycle(String customerId, String processInstanceId) {
        customers.attachLifecycle(customerId, processInstanceId, clock.instant());
    }

    /** The layer (分层) lead-tagging decided; on the timeline when it changes. */
    @Transactional
    public void changeLayer(String customerId, String layer) {
        var customer = get(customerId);
        if (!layer.equals(customer.layer())) {
            customers.updateLayer(customerId, layer, clock.instant());
            timeline.record(customerId, "LAYER", (customer.layer() == null ? "" : customer.layer() + " → ") + layer);
        }
    }

    @Transactional
    public void updateScore(String customerId, int score) {
        customers.updateScore(customerId, score, clock.instant());
    }

    /** A new owner rep (a departed rep's leads being inherited): recorded like every owner change. */
    @Transactional
    public void changeOwner(String customerId, String rep, String why) {
        owners.change(customerId, rep, why, "inheritance");
    }
}
