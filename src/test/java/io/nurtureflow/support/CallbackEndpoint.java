package io.nurtureflow.support;

import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import static io.nurtureflow.support.WeComStandIn.CORP_ID;
import static io.nurtureflow.support.WeComStandIn.envelope;
import static io.nurtureflow.support.WeComStandIn.seal;
import static io.nurtureflow.support.WeComStandIn.sign;

/** The running service's /wecom/callback, called over HTTP the way WeCom's servers call it. */
public final class CallbackEndpoint {

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public CallbackEndpoint(int port) {
        this.port = port;
    }

    /** Seals, signs and posts a message as WeCom delivers it to our corp. */
    public HttpResponse<String> deliver(String message) {
        String sealed = seal(message, CORP_ID);
        String timestamp = String.valueOf(ClockUtil.now().toInstant().getEpochSecond());
        String nonce = String.valueOf(ThreadLocalRandom.current().nextInt(1_000_000_000));
        return post(sign(timestamp, nonce, sealed), timestamp, nonce, envelope(sealed));
    }

    public HttpResponse<String> get(String signature, String timestamp, String nonce, String echostr) {
        return send(HttpRequest.newBuilder(URI.create(uri(signature, timestamp, nonce) + "&echostr="
                + URLEncoder.encode(echostr, StandardCharsets.UTF_8))).GET());
    }

    /** A URL verification with just these query parameters (already encoded), to show what a missing one does. */
    public HttpResponse<String> getWith(String query) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/wecom/callback?" + query)).GET());
    }

    public HttpResponse<String> post(String signature, String timestamp, String nonce, String xml) {
        return send(HttpRequest.newBuilder(URI.create(uri(signature, timestamp, nonce))).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)));
    }

    private String uri(String signature, String timestamp, String nonce) {
        return "http://localhost:" + port + "/wecom/callback?msg_signature=" + signature + "&timestamp=" + timestamp
                + "&nonce=" + nonce;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
