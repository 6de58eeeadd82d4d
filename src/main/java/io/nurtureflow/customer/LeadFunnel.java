package io.nurtureflow.customer;

import java.time.Instant;

/**
 * Where leads get to, told in the transaction of the fact itself so the numbers kept from it can never disagree
 * with what happened; implemented by the report feature. A step reached again counts once.
 */
public interface LeadFunnel {

    /** A landing-page scan: {@code ref} the invitee of a poster, {@code rep} the rep shown; both may be null. */
    void scanned(long channelId, String ref, String rep, Instant at);

    /** A lead became a new customer: the cohort its later steps count in. */
    void captured(String customerId, Long channelId, String ref, String rep, Instant at);

    void reached(String customerId, FunnelStep step, Instant at);

    /** Merge {@code mergeId} made {@code absorbedId} part of {@code survivorId}: the person counts once from now. */
    void merged(long mergeId, String survivorId, String absorbedId);

    /** Merge {@code mergeId} was undone: both count as they did before it. */
    void unmerged(long mergeId, String survivorId, String absorbedId);
}
