package io.nurtureflow.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client of the external CRM's lookup API: {@code GET {url}/customers?phone=+86...} answers 200 with the
 * customer ({@code crmId, name, owner, purchases[orderRef, product, amountCents, purchasedAt]}) or 404 when the
 * CRM does not know the phone. Anything else, or no answer within the timeout, means the CRM is unavailable.
 */
@Component
class ExternalCrm {

    private final CrmSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;

    ExternalCrm(CrmSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    boolean configured() {
        return settings.configured();
    }

    Optional<Found> lookup(String phone) {
        var request = HttpRequest.newBuilder(URI.create(settings.url().replaceAll("/+$", "") + "/customers?phone="
                        + URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                .timeout(settings.timeout()).header("Accept", "application/json").GET();
        if (settings.token() != null && !settings.token().isBlank()) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new Unavailable("CRM answered HTTP " + response.statusCode(), null);
            }
            return Optional.of(found(json.readTree(response.body())));
        } catch (IOException e) {
            throw new Unavailable("CRM unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking the CRM", e);
        }
    }

    private static Found found(JsonNode body) {
        var purchases = new ArrayList<Found.Purchase>();
        body.path("purchases").forEach(p -> purchases.add(new Found.Purchase(text(p, "orderRef"), text(p, "product"),
                p.hasNonNull("amountCents") ? p.get("amountCents").asLong() : null,
                p.hasNonNull("purchasedAt") ? Instant.parse(p.get("purchasedAt").asText()) : null)));
        return new Found(text(body, "crmId"), text(body, "name"), text(body, "owner"), purchases);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.get(field).asText().isBlank() ? node.get(field).asText() : null;
    }

    /** What the CRM knows about a phone. */
    record Found(String crmId, String name, String owner, List<Purchase> purchases) {

        record Purchase(String orderRef, String product, Long amountCents, Instant purchasedAt) {
        }
    }

    /** The CRM could not answer; callers go on with local data. */
    static final class Unavailable extends RuntimeException {

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
