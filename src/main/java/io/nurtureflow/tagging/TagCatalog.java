package io.nurtureflow.tagging;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Conflict;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** The tag groups and tags admins define; a tag name is the key everything else (DMN, rules, WeCom) uses. */
@Service
class TagCatalog {

    private static final int NAME_LENGTH = 64;
    private static final int GROUP_LENGTH = 40;

    private final TagMapper tags;
    private final Clock clock;

    TagCatalog(TagMapper tags, Clock clock) {
        this.tags = tags;
        this.clock = clock;
    }

    List<TagGroup> groups() {
        return tags.groups();
    }

    List<TagDefinition> definitions() {
        return tags.definitions();
    }

    @Transactional
    TagGroup defineGroup(TagGroup group) {
        String name = name(group == null ? null : group.name(), "name", GROUP_LENGTH);
        try {
            tags.insertGroup(name, group.oneTagOnly(), clock.instant());
        } catch (DuplicateKeyException exists) {
            throw new Conflict("name", "A tag group '" + name + "' already exists.");
        }
        return tags.group(name).orElseThrow();
    }

    @Transactional
    TagDefinition define(NewTag tag) {
        String name = name(tag == null ? null : tag.name(), "name", NAME_LENGTH);
        if (tag.group() != null && tags.group(tag.group()).isEmpty()) {
            throw new BadInput("group", "No tag group '" + tag.group() + "': define it first.");
        }
        if (tag.wecomTagId() != null && (tag.wecomTagId().isBlank() || tag.wecomTagId().length() > 64)) {
            throw new BadInput("wecomTagId", "wecomTagId must be WeCom's tag id, at most 64 characters.");
        }
        try {
            tags.insertDefinition(name, tag.group(), tag.wecomTagId(), clock.instant());
        } catch (DuplicateKeyException exists) {
            throw new Conflict("name", "A tag '" + name + "' already exists.");
        }
        return tags.definition(name).orElseThrow();
    }

    /** Commas separate tags in the WeCom outbox, so a tag name may not contain one. */
    private static String name(String raw, String field, int longest) {
        if (raw == null || raw.isBlank() || raw.strip().length() > longest || raw.contains(",")) {
            throw new BadInput(field, field + " is required: at most " + longest + " characters, no commas.");
        }
        return raw.strip();
    }

    record NewTag(String name, String group, String wecomTagId) {
    }
}
