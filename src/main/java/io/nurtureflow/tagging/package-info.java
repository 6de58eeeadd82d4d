/**
 * Tags on customers: tag groups (some one-tag-only, like a child's grade), channel tags, the tags and layer
 * lead-tagging.dmn decides (evaluated by the process layer, applied here), behaviour rules, manual tags, and the
 * outbox that syncs every change to WeCom with externalcontact/mark_tag.
 */
package io.nurtureflow.tagging;
