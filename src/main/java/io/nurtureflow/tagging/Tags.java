package io.nurtureflow.tagging;

import io.nurtureflow.capture.Channels;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.TagMerging;
import io.nurtureflow.customer.TagReader;
import io.nurtureflow.customer.Timeline;
import io.nurtureflow.system.BadInput;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Map;
import java.util.HashMap;

/**
 * Tags on customers. A tag must be known (defined by an admin, or a channel's); in a one-tag-only group a new tag
 * replaces the old one. Every change goes on the timeline and into the outbox that syncs it to WeCom.
 */
@Service
public class Tags implements TagReader, TagMerging {

    static final String CHANNEL_GROUP = "渠道";

    private final TagMapper tags;
    private final TagSyncOutbox sync;
    private final Channels channels;
    private final Customers customers;
    private final Timeline timeline;
    private final Clock clock;

    Tags(TagMapper tags, TagSyncOutbox sync, Channels channels, Customers customers, Timeline timeline, Clock clock) {
        this.tags = tags;
        this.sync = sync;
        this.channels = channels;
        this.customers = customers;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Override
    public List<String> tagsOf(String customerId) {
        return tags.tagsOf(customerId);
    }

    @Override
    public Map<String, Set<String>> tagsOf(Collection<String> customerIds) {
        var byCustomer = new HashMap<String, Set<String>>();
        if (!customerIds.isEmpty()) {
            tags.tagsOfAll(customerIds).forEach(t -> byCustomer.computeIfAbsent(t.customerId(), c -> new HashSet<>())
                    .add(t.tag()));
        }
        return byCustomer;
    }

    /** Adds the channel's tags the customer does not have yet; repeating it changes nothing. */
    @Transactional
    public List<String> applyChannelTags(String customerId, long channelId) {
        var channelTags = channels.tags(channelId);
        channelTags.forEach(this::defineChannelTag);
        return add(customerId, channelTags, "CHANNEL", "channel " + channelId).added();
    }

    /** The names among these that are no known tag. */
    public List<String> unknown(Collection<String> names) {
        return names.stream().filter(name -> name == null || tags.definition(name.strip()).isEmpty()).toList();
    }

    /** What lead-tagging.dmn decided: its tags and the layer (分层). An unknown tag fails the whole decision. */
    @Transactional
    public TagChange applyDecision(String customerId, Collection<String> decided, String layer) {
        var change = add(customerId, decided, "DECISION", "lead-tagging decision");
        if (layer != null && !layer.isBlank()) {
            customers.changeLayer(customerId, layer.strip());
        }
        return change;
    }

    /**
     * Adds known tags; of a one-tag-only group the last one given wins and replaces what the customer had.
     * Tags the customer already has change nothing, so a repeated call is harmless.
     */
    @Transactional
    public TagChange add(String customerId, Collection<String> wanted, String source, String why) {
        var definitions = wanted.stream().map(String::strip).distinct().map(this::known).toList();
        var current = tags.customerTags(customerId);
        var present = new HashSet<>(current.stream().map(TagMapper.CustomerTag::tag).toList());
        var original = Set.copyOf(present);
        var added = new ArrayList<String>();
        var removed = new ArrayList<String>();
        for (var definition : definitions) {
            if (present.contains(definition.name())) {
                continue;
            }
            if (definition.oneTagOnly()) {
                for (var other : current) {
                    if (Objects.equals(other.groupName(), definition.groupName()) && present.remove(other.tag())) {
                        tags.delete(customerId, other.tag());
                        removed.add(other.tag());
                        added.remove(other.tag());
                    }
                }
                current = tags.customerTags(customerId);
            }
            tags.insert(customerId, definition.name(), source, clock.instant());
            present.add(definition.name());
            added.add(definition.name());
        }
        // a tag given and replaced within this call was never the customer's
        var change = new TagChange(added, removed.stream().filter(original::contains).toList());
        record(customerId, change, why);
        return change;
    }

    @Transactional
    public TagChange remove(String customerId, String tag, String why) {
        var change = tags.delete(customerId, known(tag).name()) == 1
                ? new TagChange(List.of(), List.of(tag)) : new TagChange(List.of(), List.of());
        record(customerId, change, why);
        return change;
    }

    @Override
    @Transactional
    public TagMerge merge(String mergedId, String survivorId) {
        // oldest first, so that inside a one-tag-only group the newest of both records is the one left standing
        var all = new ArrayList<>(tags.customerTags(survivorId));
        all.addAll(tags.customerTags(mergedId));
        all.sort((a, b) -> a.addedAt().compareTo(b.addedAt()));
        var wanted = all.stream().map(TagMapper.CustomerTag::tag).filter(tag -> tags.definition(tag).isPresent()).toList();
        var change = add(survivorId, wanted, "MERGE", "merge of customer " + mergedId);
        return new TagMerge(change.added(), change.removed());
    }

    @Override
    @Transactional
    public void undo(String survivorId, TagMerge merge) {
        merge.added().forEach(tag -> tags.delete(survivorId, tag));
        merge.removed().forEach(tag -> tags.insert(survivorId, tag, "MERGE_UNDONE", clock.instant()));
        record(survivorId, new TagChange(merge.removed(), merge.added()), "merge undone");
    }

    private void record(String customerId, TagChange change, String why) {
        if (change.isEmpty()) {
            return;
        }
        var summary = new StringBuilder();
        if (!change.added().isEmpty()) {
            summary.append("+").append(String.join(", +", change.added()));
        }
        if (!change.removed().isEmpty()) {
            summary.append(summary.isEmpty() ? "" : " ").append("-").append(String.join(", -", change.removed()));
        }
        timeline.record(customerId, "TAGGED", summary + " (" + why + ")");
        sync.queue(customerId, change);
    }

    private TagDefinition known(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new BadInput("tag", "A tag is empty.");
        }
        return tags.definition(tag.strip()).orElseThrow(() -> new BadInput("tag", "Unknown tag '" + tag.strip()
                + "': define it first (POST /api/tags)."));
    }

    /** A channel's tags are known by being a channel's; a concurrent definition of the same tag is the same. */
    private void defineChannelTag(String tag) {
        if (tags.definition(tag).isEmpty()) {
            try {
                tags.insertDefinition(tag, CHANNEL_GROUP, null, clock.instant());
            } catch (DuplicateKeyException definedMeanwhile) {
                // the other definition is identical
            }
        }
    }

    /** What one tagging step did to a customer's tags. */
    public record TagChange(List<String> added, List<String> removed) {

        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }
}
