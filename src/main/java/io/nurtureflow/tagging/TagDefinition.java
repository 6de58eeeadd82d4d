package io.nurtureflow.tagging;

/** A known tag: its group (if any), whether that group allows one tag only, and its WeCom tag id once synced. */
public record TagDefinition(String name, String groupName, boolean oneTagOnly, String wecomTagId) {
}
