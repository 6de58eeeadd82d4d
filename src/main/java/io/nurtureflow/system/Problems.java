package io.nurtureflow.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;

/**
 * The problem+json body (RFC 9457) for answers written outside Spring MVC, where {@link ProblemAdvice} does not
 * reach: requests the server or the security filters refuse before any controller, and Camunda's REST API.
 */
public final class Problems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** @param detail and {@code field} are left out when null */
    public static String json(int status, String title, String detail, String field) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (field != null) {
            body.put("field", field);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and a number is always JSON", e);
        }
    }
}
