package io.nurtureflow.customer;

import io.nurtureflow.wecom.ExternalContacts;
import io.nurtureflow.wecom.WeComContact;
import io.nurtureflow.wecom.WeComException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Which rep has which of a customer's WeCom contacts: the one place the import and WeCom's contact callbacks
 * (add, edit, del_external_contact, del_follow_user; developer.work.weixin.qq.com/document/path/92130) write, and
 * the one place pushes ask which contact a rep can still reach. The callbacks run on WeCom's request thread, which
 * wants an answer within 5 seconds: a failed read of WeCom's profile is logged and the rest goes on.
 */
@Service
public class WeComFollows {

    private static final Logger log = LoggerFactory.getLogger(WeComFollows.class);

    private final WeComFollowMapper follows;
    private final CustomerMapper customers;
    private final WeComContactMatching matching;
    private final Timeline timeline;
    private final ObjectProvider<ExternalContacts> externalContacts;
    private final Clock clock;

    WeComFollows(WeComFollowMapper follows, CustomerMapper customers, WeComContactMatching matching, Timeline timeline,
                 ObjectProvider<ExternalContacts> externalContacts, Clock clock) {
        this.follows = follows;
        this.customers = customers;
        this.matching = matching;
        this.timeline = timeline;
        this.externalContacts = externalContacts;
        this.clock = clock;
    }

    /** add_external_contact: the rep and the contact are related (again), whoever the contact turns out to be. */
    @Transactional
    public void added(String externalUserId, String rep, Instant at) {
        var known = follows.find(externalUserId, rep);
        if (known.isPresent() && known.get().removedAt() == null) {
            return;
        }
        follow(externalUserId, rep, at);
        // a first add is told by capture (the lead it became); only a relation that had ended is news here
        if (known.isPresent()) {
            customers.findByIdentity(IdentityKind.EXTERNAL_USER_ID, externalUserId).ifPresent(customer ->
                    timeline.record(customer.id(), "WECOM_FOLLOW", rep + " and the customer are WeCom contacts again"));
        }
    }

    /**
     * edit_external_contact: the rep changed the contact's remark (phones) or WeCom learnt more (unionid); WeCom's
     * profile is read again and what we lacked joins the customer by the same rules as the import. A contact we
     * know nothing of stays unknown: the import brings existing contacts in, an add callback new ones.
     */
    @Transactional
    public void edited(String externalUserId, String rep) {
        var wecom = externalContacts.getIfAvailable();
        if (wecom == null || customers.findByIdentity(IdentityKind.EXTERNAL_USER_ID, externalUserId).isEmpty()) {
            return;
        }
        WeComContact contact;
        try {
            contact = wecom.get(externalUserId);
        } catch (WeComException e) {
            log.warn("edited WeCom contact of {} not read again ({}): {}", rep, e.errcode(), e.getMessage());
            return;
        }
        take(contact, rep, WeComContactMatching.Unmatched.LEAVE);
    }

    /**
     * One contact of the rep's, as WeCom lists it: matched to a customer or made one, and the relation recorded.
     * Only what is new counts, so a second import of the same contacts changes nothing.
     */
    WeComContactMatching.Outcome take(WeComContact contact, String rep, WeComContactMatching.Unmatched unmatched) {
        var taken = matching.take(contact, rep, unmatched);
        if (taken.outcome() == WeComContactMatching.Outcome.UNKNOWN) {
            return taken.outcome();
        }
        var addedAt = contact.follows().stream().filter(f -> rep.equals(f.userId())).findFirst()
                .map(WeComContact.Follow::addedAt).orElse(null);
        if (follow(contact.externalUserId(), rep, addedAt) && taken.outcome() == WeComContactMatching.Outcome.UNCHANGED) {
            timeline.record(taken.customerId(), "WECOM_FOLLOW", rep + " has the customer as a WeCom contact");
            return WeComContactMatching.Outcome.UPDATED;
        }
        return taken.outcome();
    }

    /** del_external_contact (the rep deleted the customer) or del_follow_user (the customer deleted the rep). */
    @Transactional
    public void removed(String externalUserId, String rep, WeComFollow.RemovedBy by) {
        var now = clock.instant();
        var known = follows.find(externalUserId, rep);
        if (known.isPresent() && known.get().removedAt() != null) {
            return;
        }
        if (known.isEmpty()) {
            follows.insert(externalUserId, rep, null);
        }
        follows.remove(externalUserId, rep, by, now);
        customers.findByIdentity(IdentityKind.EXTERNAL_USER_ID, externalUserId).ifPresent(customer ->
                timeline.record(customer.id(), "WECOM_FOLLOW", (by == WeComFollow.RemovedBy.REP
                        ? rep + " deleted the customer in WeCom" : "The customer deleted " + rep + " in WeCom")
                        + ": pushes from " + rep + " no longer reach them"));
    }

    /**
     * Whether some rep still has this contact, or another WeCom contact of the same customer: a relation recorded
     * as live. Relations nobody recorded (contacts linked before relations were kept) do not count.
     */
    public boolean stillFollowed(String externalUserId) {
        return follows.liveFollows(externalUserId) > 0;
    }

    /** The relation exists and is live; true when that is news (it was unknown, or had ended). */
    private boolean follow(String externalUserId, String rep, Instant addedAt) {
        var known = follows.find(externalUserId, rep);
        if (known.isEmpty()) {
            follows.insert(externalUserId, rep, addedAt);
            return true;
        }
        if (known.get().removedAt() != null) {
            follows.reopen(externalUserId, rep, addedAt);
            return true;
        }
        return false;
    }

    public List<WeComFollow> of(String customerId) {
        return follows.ofCustomer(customerId);
    }
}
