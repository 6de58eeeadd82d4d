/**
 * SOP content plans and their steps, the send windows every push respects, the push outbox (one push per
 * customer, plan version and step), and tracked links.
 */
package io.nurtureflow.sop;
