package io.nurtureflow.customer;

/** Published inside the capturing transaction: the lead row and the start of its intake commit together. */
public record LeadCaptured(long leadId) {
}
