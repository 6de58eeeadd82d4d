package io.nurtureflow.customer;

import java.util.List;

/** The customer's tags, for the profile; implemented by the tagging feature. */
public interface TagReader {

    List<String> tagsOf(String customerId);
}
