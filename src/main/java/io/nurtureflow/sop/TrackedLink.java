package io.nurtureflow.sop;

/**
 * A link in a pushed message. A batch's links are the batch's (one message for many customers cannot carry a link
 * per customer): {@code customerId} is known only when the batch went to one customer.
 */
public record TrackedLink(String token, Long batchId, String customerId, int stepNo, String targetUrl) {
}
