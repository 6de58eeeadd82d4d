package io.nurtureflow.customer;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The customer's tags, for the profile and for a send window's audiences; implemented by the tagging feature. */
public interface TagReader {

    List<String> tagsOf(String customerId);

    /** The tags of many customers in one read; a customer without tags is absent. */
    Map<String, Set<String>> tagsOf(Collection<String> customerIds);
}
