package io.nurtureflow.tagging;

import io.nurtureflow.capture.Channels;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.PhoneNumbers;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The inputs of lead-tagging.dmn, by the names the table uses: the channel's name, the form's answers
 * (grade, subject) and the province of the customer's phone. Unknown values are empty strings, never null, so
 * an admin's rule can tell "not answered" apart without FEEL null handling.
 */
@Service
public class LeadTaggingFacts {

    public static final String UNKNOWN = "";

    private final Customers customers;
    private final Channels channels;

    LeadTaggingFacts(Customers customers, Channels channels) {
        this.customers = customers;
        this.channels = channels;
    }

    public Map<String, Object> of(String customerId, Long channelId) {
        var answers = customers.answers(customerId);
        var facts = new LinkedHashMap<String, Object>();
        facts.put("channel", channelId == null ? UNKNOWN : channels.get(channelId).name());
        facts.put("grade", answers.getOrDefault("grade", UNKNOWN));
        facts.put("subject", answers.getOrDefault("subject", UNKNOWN));
        facts.put("region", customers.primaryPhone(customerId).flatMap(PhoneNumbers::province).orElse(UNKNOWN));
        return facts;
    }
}
