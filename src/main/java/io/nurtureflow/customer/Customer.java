package io.nurtureflow.customer;

import java.time.Instant;

/** A customer; {@code mergedInto} is set once it was merged into another and holds no identities any more. */
public record Customer(String id, String name, String ownerRep, Stage stage, int score, Long channelId,
                       String lifecycleInstanceId, Instant createdAt, Instant ownerSince, String mergedInto,
                       String layer) {
}
