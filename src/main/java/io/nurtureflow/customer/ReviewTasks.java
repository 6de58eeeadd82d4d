package io.nurtureflow.customer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sales leads' open decisions in lead-intake (likely duplicates, collisions); implemented by the process layer. */
public interface ReviewTasks {

    List<OpenReview> open();

    Optional<OpenReview> find(String taskId);

    /** Completes the task with the decision; the process takes the matching path. */
    void decide(String taskId, ReviewKind kind, String decision, String decidedBy);

    enum ReviewKind {
        LIKENESS, COLLISION
    }

    /** For a likeness {@code customerId} is the candidate; for a collision, the protected owner's customer. */
    record OpenReview(String taskId, ReviewKind kind, long leadId, String customerId, Instant createdAt) {
    }
}
