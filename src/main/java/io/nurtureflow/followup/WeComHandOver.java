package io.nurtureflow.followup;

import com.fasterxml.jackson.databind.JsonNode;
import io.nurtureflow.customer.Customers;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.UpstreamFailure;
import io.nurtureflow.wecom.WeComClient;
import io.nurtureflow.wecom.WeComException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks WeCom to move a departing rep's customers to their heirs: externalcontact/transfer_customer while the rep
 * is still a member of the corp (在职继承), resigned/transfer_customer once they were deleted from it (离职继承).
 * WeCom answers per customer; 0 means it started the hand-over, which it completes within a day. Without WeCom
 * settings nothing is sent and nobody is refused.
 */
@Component
class WeComHandOver {

    static final String IN_SERVICE = "/cgi-bin/externalcontact/transfer_customer";
    static final String RESIGNED = "/cgi-bin/externalcontact/resigned/transfer_customer";
    /** WeCom's limits: customers per call, and characters of the message the customer gets */
    private static final int PER_CALL = 100;
    private static final int MESSAGE_LENGTH = 200;

    private final Customers customers;
    private final ObjectProvider<WeComClient> wecom;

    WeComHandOver(Customers customers, ObjectProvider<WeComClient> wecom) {
        this.customers = customers;
        this.wecom = wecom;
    }

    /** Checked before anything is planned, so a bad message never reaches WeCom. */
    static void checkMessage(boolean leftWeCom, String message) {
        if (message == null || message.isBlank()) {
            return;
        }
        if (leftWeCom) {
            throw new BadInput("message", "WeCom sends no message when the rep already left WeCom: drop message "
                    + "or leftWeCom.");
        }
        if (message.codePointCount(0, message.length()) > MESSAGE_LENGTH) {
            throw new BadInput("message", "message may have at most " + MESSAGE_LENGTH + " characters.");
        }
    }

    /**
     * Asks WeCom for every customer in {@code heirOf} that has a WeCom contact, in calls per heir of at most
     * {@value PER_CALL} customers. A failed call fails the whole hand-over, for the caller to change nothing.
     */
    Answers start(String rep, Map<String, String> heirOf, boolean leftWeCom, String message) {
        var client = wecom.getIfAvailable();
        if (client == null) {
            return Answers.SIMULATED;
        }
        var contactsByHeir = new LinkedHashMap<String, Map<String, String>>();
        heirOf.forEach((customerId, heir) -> customers.weComContact(customerId, rep).ifPresent(contact ->
                contactsByHeir.computeIfAbsent(heir, h -> new LinkedHashMap<>()).put(contact, customerId)));
        var answers = new Answers(true, new HashSet<>(), new HashMap<>());
        contactsByHeir.forEach((heir, customerOf) -> {
            var contacts = List.copyOf(customerOf.keySet());
            for (int from = 0; from < contacts.size(); from += PER_CALL) {
                var batch = contacts.subList(from, Math.min(from + PER_CALL, contacts.size()));
                read(post(client, rep, heir, batch, leftWeCom, message, answers), batch, customerOf, answers);
            }
        });
        return answers;
    }

    private static JsonNode post(WeComClient client, String rep, String heir, List<String> contacts,
                                 boolean leftWeCom, String message, Answers soFar) {
        var body = new LinkedHashMap<String, Object>();
        body.put("handover_userid", rep);
        body.put("takeover_userid", heir);
        body.put("external_userid", contacts);
        if (!leftWeCom && message != null && !message.isBlank()) {
            body.put("transfer_success_msg", message);
        }
        try {
            return client.post(leftWeCom ? RESIGNED : IN_SERVICE, body);
        } catch (WeComException e) {
            // the local hand-over rolls back; customers WeCom already took in an earlier call are moving there
            // all the same, and the sales lead has to know before trying again
            throw new UpstreamFailure("WeCom did not take the hand-over of " + rep + "'s customers (" + e.getMessage()
                    + "); nothing was changed here" + (soFar.started().isEmpty() ? "." : ", but WeCom had already "
                    + "started moving " + soFar.started().size() + " of them in an earlier call."), e);
        }
    }

    private static void read(JsonNode answer, List<String> contacts, Map<String, String> customerOf,
                             Answers answers) {
        var errcodes = new HashMap<String, Integer>();
        answer.path("customer").forEach(customer ->
                errcodes.put(customer.path("external_userid").asText(), customer.path("errcode").asInt(-1)));
        for (String contact : contacts) {
            Integer errcode = errcodes.get(contact);
            String customerId = customerOf.get(contact);
            if (errcode == null) {
                // unknown whether WeCom moved it: keeping it here is the side a sales lead can see and repair
                answers.refused().put(customerId, "WeCom did not answer for this customer");
            } else if (errcode == 0) {
                answers.started().add(customerId);
            } else {
                answers.refused().put(customerId, "WeCom refused: errcode " + errcode);
            }
        }
    }

    /** What WeCom made of each customer, or {@link #SIMULATED} when no WeCom is configured. */
    record Answers(boolean connected, Set<String> started, Map<String, String> refused) {

        static final Answers SIMULATED = new Answers(false, Set.of(), Map.of());

        Optional<String> refusal(String customerId) {
            return Optional.ofNullable(refused.get(customerId));
        }

        /** Appended to the transfer's reason, so the sales lead sees whether WeCom moves the customer too. */
        String note(String customerId) {
            if (!connected) {
                return "";
            }
            return started.contains(customerId) ? "; WeCom hand-over started" : "; no WeCom contact";
        }
    }
}
