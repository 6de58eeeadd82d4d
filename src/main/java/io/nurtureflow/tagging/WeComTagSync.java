package io.nurtureflow.tagging;

import io.nurtureflow.customer.Customer;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.wecom.WeComClient;
import io.nurtureflow.wecom.WeComException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Sends the outbox of tag changes to WeCom with externalcontact/mark_tag, as the owner rep (the staff member who
 * added the contact). A failed call stays in the outbox for the next sweep, up to {@value MAX_ATTEMPTS} attempts.
 * Without WeCom settings the changes are marked SIMULATED; a customer without a WeCom contact of its owner (or
 * whose WeCom relation with the owner ended), NO_CONTACT.
 */
@Component
public class WeComTagSync {

    static final String MARK_TAG = "/cgi-bin/externalcontact/mark_tag";
    private static final Logger log = LoggerFactory.getLogger(WeComTagSync.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final int BATCH = 200;

    private final TagSyncMapper outbox;
    private final TagMapper tags;
    private final Customers customers;
    private final ObjectProvider<WeComClient> wecom;
    private final Clock clock;

    WeComTagSync(TagSyncMapper outbox, TagMapper tags, Customers customers, ObjectProvider<WeComClient> wecom,
                 Clock clock) {
        this.outbox = outbox;
        this.tags = tags;
        this.customers = customers;
        this.wecom = wecom;
        this.clock = clock;
    }

    /** One sweep of the outbox: what WeCom refused stays pending for the next one. Public for the tests. */
    @Scheduled(fixedDelayString = "${nurture.tagging.sync-millis:5000}")
    public int sendPending() {
        int sent = 0;
        for (var row : outbox.pending(BATCH)) {
            if (outbox.claim(row.id()) == 1 && send(row)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(TagSyncMapper.PendingSync row) {
        var client = wecom.getIfAvailable();
        if (client == null) {
            outbox.finish(row.id(), "SIMULATED", null, clock.instant());
            return false;
        }
        var customer = customers.find(row.customerId());
        var contact = customer.map(Customer::ownerRep).flatMap(owner -> customers.weComContact(row.customerId(), owner));
        if (contact.isEmpty()) {
            outbox.finish(row.id(), "NO_CONTACT", null, clock.instant());
            return false;
        }
        var added = wecomIds(row.addedTags());
        var removed = wecomIds(row.removedTags());
        if (added.isEmpty() && removed.isEmpty()) {
            outbox.finish(row.id(), "NOT_IN_WECOM", "none of the tags has a WeCom tag id", clock.instant());
            return false;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("userid", customer.get().ownerRep());
        body.put("external_userid", contact.get());
        body.put("add_tag", added);
        body.put("remove_tag", removed);
        try {
            client.post(MARK_TAG, body);
            outbox.finish(row.id(), "SENT", null, clock.instant());
            return true;
        } catch (WeComException e) {
            log.warn("tag sync {} for customer {} failed (attempt {}): {}", row.id(), row.customerId(),
                    row.attempts() + 1, e.getMessage());
            outbox.failed(row.id(), fitted(e.getMessage()), MAX_ATTEMPTS);
            return false;
        }
    }

    private List<String> wecomIds(List<String> names) {
        return names.stream().map(tags::definition).flatMap(Optional::stream)
                .map(TagDefinition::wecomTagId).filter(id -> id != null && !id.isBlank()).toList();
    }

    private static String fitted(String message) {
        return message == null ? null : message.length() > 300 ? message.substring(0, 300) : message;
    }
}
