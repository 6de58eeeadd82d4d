package io.nurtureflow.events;

/**
 * An inbox event of a known customer that a lifecycle should hear about; published inside the storing
 * transaction. {@code batched}: it came in a batch, whose caller must not wait for a thousand correlations.
 */
public record BehaviourObserved(long inboxId, String customerId, Signal signal, boolean batched) {
}
