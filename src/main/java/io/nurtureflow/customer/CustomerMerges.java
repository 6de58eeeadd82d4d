package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Conflict;
import io.nurtureflow.system.NotFound;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Merges two customers that are one person, and undoes it. Survivorship: the older customer keeps its id
 * (URLs, WeCom and the CRM already point at it) and its name and primary phone unless it has none; every identity
 * moves over; the owner who was first protected keeps the customer (撞单 rules); the stage furthest along wins,
 * an opt-out always; the higher score; tags are joined, a newer tag winning inside an exclusive group; the person
 * counts once in the lead funnel ({@link LeadFunnel#merged}). All of it, lifecycles included, is one transaction: a
 * merge happens entirely or not at all.
 */
@Service
public class CustomerMerges {

    private static final int REASON_LENGTH = 500;

    private final CustomerMapper customers;
    private final MergeMapper merges;
    private final TagMerging tags;
    private final LeadFunnel funnel;
    private final Lifecycles lifecycles;
    private final Timeline timeline;
    private final CustomerSettings settings;
    private final Clock clock;

    CustomerMerges(CustomerMapper customers, MergeMapper merges, TagMerging tags, LeadFunnel funnel,
                   Lifecycles lifecycles, Timeline timeline, CustomerSettings settings, Clock clock) {
        this.customers = customers;
        this.merges = merges;
        this.tags = tags;
        this.funnel = funnel;
        this.lifecycles = lifecycles;
        this.timeline = timeline;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public MergeRecord merge(String firstId, String secondId, String reason, String by) {
        if (reason == null || reason.isBlank() || reason.length() > REASON_LENGTH) {
            throw new BadInput("reason", "reason is required, at most " + REASON_LENGTH + " characters.");
        }
        if (firstId == null || secondId == null || firstId.equals(secondId)) {
            throw new BadInput("customerIds", "customerIds must name two different customers.");
        }
        // lock in id order, so two merges of overlapping pairs queue up instead of deadlocking
        var pair = Stream.of(firstId, secondId).sorted().map(this::lockActive).toList();
        var survivor = pair.stream().min(Comparator.comparing(Customer::createdAt).thenComparing(Customer::id)).orElseThrow();
        var merged = pair.get(0) == survivor ? pair.get(1) : pair.get(0);
        var now = clock.instant();

        var row = new MergeMapper.MergeRow();
        row.survivorId = survivor.id();
        row.mergedId = merged.id();
        row.mergedBy = by;
        row.reason = reason.strip();
        row.mergedAt = now;
        row.undoUntil = now.plus(settings.mergeUndoWithin());
        row.survivorName = survivor.name();
        row.survivorOwner = survivor.ownerRep();
        row.survivorOwnerSince = survivor.ownerSince();
        row.survivorStage = survivor.stage();
        row.survivorScore = survivor.score();
        row.survivorTail = customers.phoneTail(survivor.id());
        settleLifecycles(survivor, merged, row);
        merges.insert(row);

        for (var identity : customers.identities(merged.id())) {
            customers.moveIdentity(identity.kind(), identity.idValue(), survivor.id());
            merges.insertIdentity(row.id, identity.kind(), identity.idValue());
        }
        var tagMerge = tags.merge(merged.id(), survivor.id());
        tagMerge.added().forEach(tag -> merges.insertTag(row.id, tag, "ADDED"));
        tagMerge.removed().forEach(tag -> merges.insertTag(row.id, tag, "REMOVED"));

        var firstOwner = firstProtected(survivor, merged);
        customers.updateSurvivor(survivor.id(), survivor.name() != null ? survivor.name() : merged.name(),
                firstOwner.ownerRep(), firstOwner.ownerSince(), Stage.furthest(survivor.stage(), merged.stage()),
                Math.max(survivor.score(), merged.score()),
                row.survivorTail != null ? row.survivorTail : customers.phoneTail(merged.id()), now);
        customers.markMerged(merged.id(), survivor.id(), now);
        funnel.merged(row.id, survivor.id(), merged.id());
        timeline.record(survivor.id(), "MERGED", "Customer " + merged.id() + " merged in by " + by + ": " + row.reason
                + " (merge " + row.id + ")");
        timeline.record(merged.id(), "MERGED", "Merged into customer " + survivor.id() + " by " + by + ": "
                + row.reason + " (merge " + row.id + ")");
        return merges.find(row.id).orElseThrow();
    }

    /** Gives every piece back, as long as the undo period runs and nothing was merged into the survivor since. */
    @Transactional
    public MergeRecord undo(long mergeId, String by) {
        var record = merges.find(mergeId).orElseThrow(() -> new NotFound("No merge " + mergeId + "."));
        var before = merges.survivorBefore(mergeId).orElseThrow();
        customers.lock(record.survivorId()).orElseThrow();
        var merged = customers.lock(record.mergedId()).orElseThrow();
        if (record.undoneAt() != null) {
            throw new Conflict("mergeId", "Merge " + mergeId + " was already undone.");
        }
        var now = clock.instant();
        if (now.isAfter(record.undoUntil())) {
            throw new BadInput("mergeId", "Merge " + mergeId + " can only be undone until " + record.undoUntil() + ".");
        }
        if (!Objects.equals(merges.latestInForce(record.survivorId()), mergeId)) {
            throw new BadInput("mergeId", "Undo the later merges into " + record.survivorId() + " first.");
        }
        for (var identity : merges.identities(mergeId)) {
            customers.moveIdentity(identity.kind(), identity.idValue(), merged.id());
        }
        tags.undo(record.survivorId(), new TagMerging.TagMerge(merges.tags(mergeId, "ADDED"), merges.tags(mergeId, "REMOVED")));
        customers.updateSurvivor(record.survivorId(), before.survivorName, before.survivorOwner,
                before.survivorOwnerSince, before.survivorStage, before.survivorScore, before.survivorTail, now);
        customers.markMerged(merged.id(), null, now);
        merges.markUndone(mergeId, by, now);
        funnel.unmerged(mergeId, record.survivorId(), merged.id());
        if (record.movedLifecycle() != null && lifecycles.running(record.movedLifecycle())) {
            customers.attachLifecycle(record.survivorId(), null, now);
            lifecycles.adopt(record.movedLifecycle(), merged.id());
            customers.attachLifecycle(merged.id(), record.movedLifecycle(), now);
        } else if (record.endedLifecycle() != null && merged.stage().inNurture()) {
            lifecycles.start(merged.id());
        }
        timeline.record(record.survivorId(), "UNMERGED", "Merge " + mergeId + " of " + merged.id() + " undone by " + by);
        timeline.record(merged.id(), "UNMERGED", "Separated from " + record.survivorId() + " again by " + by
                + " (merge " + mergeId + " undone)");
        return merges.find(mergeId).orElseThrow();
    }

    public List<MergeRecord> of(String customerId) {
        return merges.of(customerId);
    }

    /** Exactly one lifecycle survives: the survivor's; if only the merged one ran, the survivor takes it over. */
    private void settleLifecycles(Customer survivor, Customer merged, MergeMapper.MergeRow row) {
        boolean survivorRuns = survivor.lifecycleInstanceId() != null && lifecycles.running(survivor.lifecycleInstanceId());
        boolean mergedRuns = merged.lifecycleInstanceId() != null && lifecycles.running(merged.lifecycleInstanceId());
        if (mergedRuns && survivorRuns) {
            lifecycles.end(merged.lifecycleInstanceId(), "Merged into customer " + survivor.id() + ": " + row.reason);
            row.endedLifecycle = merged.lifecycleInstanceId();
        } else if (mergedRuns) {
            lifecycles.adopt(merged.lifecycleInstanceId(), survivor.id());
            customers.attachLifecycle(survivor.id(), merged.lifecycleInstanceId(), clock.instant());
            row.movedLifecycle = merged.lifecycleInstanceId();
        }
    }

    private static Customer firstProtected(Customer survivor, Customer merged) {
        if (merged.ownerRep() == null) {
            return survivor;
        }
        if (survivor.ownerRep() == null) {
            return merged;
        }
        Instant survivorSince = survivor.ownerSince() == null ? survivor.createdAt() : survivor.ownerSince();
        Instant mergedSince = merged.ownerSince() == null ? merged.createdAt() : merged.ownerSince();
        return mergedSince.isBefore(survivorSince) ? merged : survivor;
    }

    private Customer lockActive(String id) {
        var customer = customers.lock(id).orElseThrow(() -> new NotFound("No customer " + id + "."));
        if (customer.mergedInto() != null) {
            throw new Conflict("customerIds", "Customer " + id + " was already merged into " + customer.mergedInto() + ".");
        }
        return customer;
    }
}
