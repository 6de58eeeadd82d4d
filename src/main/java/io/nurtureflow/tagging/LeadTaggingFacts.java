package io.nurtureflow.tagging;

import io.nurtureflow.capture.Channels;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.customer.PhoneNumbers;
import io.nurtureflow.system.PerTransaction;
import org.springframework.stereotype.Service;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of lead-tagging.dmn, by the names the table uses: the channel's name, the form's answers
 * (grade, subject) and the province of the customer's phone. Unknown values are empty strings, never null, so
 * an admin's rule can tell "not answered" apart without FEEL null handling.
 * <p>
 * A lead's start decides its flow and then its tags on the same facts, in one transaction: they are read once per
 * transaction (four reads and a phone number lookup each time). Nothing in that transaction changes them in
 * between: the lead's answers and phones are written before either decision.
 */
@Service
public class LeadTaggingFacts {

    public static final String UNKNOWN = "";

    private final Customers customers;
    private final Channels channels;
    private final PerTransaction<Map<List<Object>, Map<String, Object>>> known = new PerTransaction<>(HashMap::new);

    LeadTaggingFacts(Customers customers, Channels channels) {
        this.customers = customers;
        this.channels = channels;
    }

    public Map<String, Object> of(String customerId, Long channelId) {
        return known.current()
                .map(facts -> facts.computeIfAbsent(Arrays.asList(customerId, channelId),
                        key -> Collections.unmodifiableMap(read(customerId, channelId))))
                .orElseGet(() -> read(customerId, channelId));
    }

    private Map<String, Object> read(String customerId, Long channelId) {
        var answers = customers.answers(customerId);
        var facts = new LinkedHashMap<String, Object>();
        facts.put("channel", channelId == null ? UNKNOWN : channels.get(channelId).name());
        facts.put("grade", answers.getOrDefault("grade", UNKNOWN));
        facts.put("subject", answers.getOrDefault("subject", UNKNOWN));
        facts.put("region", customers.primaryPhone(customerId).flatMap(PhoneNumbers::province).orElse(UNKNOWN));
        return facts;
    }
}
