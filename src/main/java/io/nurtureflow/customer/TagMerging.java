package io.nurtureflow.customer;

import java.util.List;

/** How tags survive a merge and its undo; implemented by the tagging feature, which knows the tag groups. */
public interface TagMerging {

    /** Gives {@code survivorId} the merged customer's tags; of an exclusive group, the more recently added tag wins. */
    TagMerge merge(String mergedId, String survivorId);

    void undo(String survivorId, TagMerge merge);

    record TagMerge(List<String> added, List<String> removed) {
    }
}
