/** Lifecycle stages and segments: converted, silent (and its SOP), dormant, opted out for good, churned. */
package io.nurtureflow.segment;
