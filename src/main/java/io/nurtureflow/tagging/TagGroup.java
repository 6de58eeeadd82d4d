package io.nurtureflow.tagging;

/** A group of tags; in a one-tag-only group (a child's grade, the intent level) a new tag replaces the old. */
public record TagGroup(String name, boolean oneTagOnly) {
}
