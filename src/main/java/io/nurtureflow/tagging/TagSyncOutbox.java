package io.nurtureflow.tagging;

import io.nurtureflow.system.PerTransaction;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues a customer's tag changes for WeCom ({@link WeComTagSync} sends them). The changes one transaction makes to
 * a customer become one row, and so one mark_tag call, with the net change: a lead's intake adds its channel's tags
 * and then the decided ones, two changes that used to be two rows and two calls. A tag added and removed again in
 * the transaction is left out (it never was the customer's), as is one removed and added again. The row is written
 * just before the transaction commits, in it; outside a transaction, at once.
 */
@Component
class TagSyncOutbox {

    private final TagSyncMapper outbox;
    private final Clock clock;
    /** Per customer, per tag: true for added, false for removed, in the order they changed. */
    private final PerTransaction<Map<String, Map<String, Boolean>>> pending =
            new PerTransaction<>(LinkedHashMap::new, this::write, Ordered.HIGHEST_PRECEDENCE);

    TagSyncOutbox(TagSyncMapper outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    void queue(String customerId, Tags.TagChange change) {
        pending.current().ifPresentOrElse(customers -> {
            var net = customers.computeIfAbsent(customerId, id -> new LinkedHashMap<>());
            change.added().forEach(tag -> changed(net, tag, true));
            change.removed().forEach(tag -> changed(net, tag, false));
        }, () -> insert(customerId, change.added(), change.removed()));
    }

    private static void changed(Map<String, Boolean> net, String tag, boolean added) {
        if (Boolean.valueOf(!added).equals(net.get(tag))) {
            net.remove(tag);
        } else {
            net.put(tag, added);
        }
    }

    private void write(Map<String, Map<String, Boolean>> customers) {
        customers.forEach((customerId, net) -> {
            var added = new ArrayList<String>();
            var removed = new ArrayList<String>();
            net.forEach((tag, isAdded) -> (isAdded ? added : removed).add(tag));
            if (!added.isEmpty() || !removed.isEmpty()) {
                insert(customerId, added, removed);
            }
        });
    }

    private void insert(String customerId, List<String> added, List<String> removed) {
        outbox.insert(customerId, String.join(",", added), String.join(",", removed), clock.instant());
    }
}
