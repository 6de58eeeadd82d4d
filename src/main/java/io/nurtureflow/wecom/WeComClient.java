package io.nurtureflow.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * WeCom's server API (qyapi): every call carries the corp's access token, which is cached until shortly before
 * it expires and fetched again when WeCom says it is invalid or expired. "System busy" and transport failures
 * are retried with a short back-off; any other errcode is the caller's to handle.
 */
@Component
@ConditionalOnExpression("'${nurture.wecom.corp-id:}' != ''")
public class WeComClient {

    private static final Logger log = LoggerFactory.getLogger(WeComClient.class);
    /** invalid access_token, access_token expired, access_token missing */
    private static final Set<Integer> STALE_TOKEN = Set.of(40014, 42001, 41001);
    private static final int SYSTEM_BUSY = -1;
    /** refresh a little before WeCom's expires_in runs out */
    private static final long EXPIRY_MARGIN_SECONDS = 300;

    private final WeComSettings settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http;
    private String accessToken;
    private Instant tokenExpiresAt = Instant.EPOCH;

    WeComClient(WeComSettings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** POSTs a JSON body to an API path such as {@code /cgi-bin/externalcontact/add_contact_way}. */
    public JsonNode post(String path, Object body) {
        return call(path, Map.of(), body, true);
    }

    public JsonNode get(String path, Map<String, String> query) {
        return call(path, query, null, true);
    }

    /**
     * POSTs a call that creates something in WeCom (a mass-send task): an answer with an errcode is retried as
     * usual, since WeCom created nothing, but a call whose answer was lost is not repeated — WeCom may have acted on
     * it, and a second call would create a second task. The caller gets {@link OutcomeUnknown} instead.
     */
    public JsonNode postOnce(String path, Object body) {
        return call(path, Map.of(), body, false);
    }

    /**
     * Fetches a file WeCom hosts by address (a contact way's QR picture); no token, as its address is its key.
     * Transport failures are retried like any call.
     */
    public Download download(String url) {
        IOException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    return new Download(response.headers().firstValue("Content-Type").orElse("image/jpeg"),
                            response.body());
                }
                last = new IOException("HTTP " + response.statusCode());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = new IOException("interrupted", e);
                break;
            }
            pause(attempt);
        }
        throw new WeComException("download unreachable: " + last.getMessage(), last);
    }

    private JsonNode call(String path, Map<String, String> query, Object body, boolean repeatable) {
        WeComException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                JsonNode answer = send(path, query, body, token(false));
                int errcode = answer.path("errcode").asInt(0);
                if (errcode == 0) {
                    return answer;
                }
                last = new WeComException(errcode, path + ": " + answer.path("errmsg").asText());
                if (STALE_TOKEN.contains(errcode)) {
                    token(true);
                } else if (errcode != SYSTEM_BUSY) {
                    throw last;
                }
            } catch (IOException e) {
                if (!repeatable) {
                    throw new OutcomeUnknown(path, e);
                }
                last = new WeComException(path + " unreachable: " + e.getMessage(), e);
            }
            log.debug("WeCom {} attempt {} failed: {}", path, attempt, last.getMessage());
            pause(attempt);
        }
        throw last;
    }

    private synchronized String token(boolean refresh) throws IOException {
        if (!refresh && accessToken != null && clock.instant().isBefore(tokenExpiresAt)) {
            return accessToken;
        }
        var credentials = new LinkedHashMap<String, String>();
        credentials.put("corpid", settings.corpId());
        credentials.put("corpsecret", settings.secret());
        JsonNode answer = send("/cgi-bin/gettoken", credentials, null, null);
        if (answer.path("errcode").asInt(0) != 0) {
            throw new WeComException(answer.path("errcode").asInt(), "gettoken: " + answer.path("errmsg").asText());
        }
        accessToken = answer.path("access_token").asText();
        tokenExpiresAt = clock.instant().plusSeconds(answer.path("expires_in").asLong(7200) - EXPIRY_MARGIN_SECONDS);
        return accessToken;
    }

    private JsonNode send(String path, Map<String, String> query, Object body, String token) throws IOException {
        var parameters = new LinkedHashMap<>(query);
        if (token != null) {
            parameters.put("access_token", token);
        }
        String url = settings.apiBaseUrl() + path + (parameters.isEmpty() ? "" : "?" + parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.timeout());
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            // every documented answer carries errcode; anything else (an empty body from a cut connection, a
            // proxy's HTML page) is a transport failure, never a success
            JsonNode answer = response.body().length == 0 ? null : json.readTree(response.body());
            if (answer == null || !answer.has("errcode")) {
                throw new IOException("not a WeCom answer (HTTP " + response.statusCode() + ", "
                        + response.body().length + " bytes)");
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A file's bytes and its media type. */
    public record Download(String contentType, byte[] bytes) {
    }

    /** The call may or may not have reached WeCom: nobody can tell from here, so nobody may simply try again. */
    public static class OutcomeUnknown extends WeComException {

        OutcomeUnknown(String path, IOException cause) {
            super(path + ": the answer was lost, WeCom may have acted on the call (" + cause.getMessage() + ")", cause);
        }
    }
}
