/**
 * Behaviour event intake: every event (REST, tracked links, WeCom contact changes) lands in the inbox first,
 * idempotent by event id; events of unknown customers are parked until that identity appears. Each event is
 * scored by the admins' decision table (decaying over time) and classified into the few signals the
 * lifecycle listens for, which are handed on after commit.
 */
package io.nurtureflow.events;
