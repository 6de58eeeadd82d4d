package io.nurtureflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * WeCom's server API played on a local port with its documented JSON: it hands out access tokens itself and
 * every other call to the test's answers, and keeps each call for the test to look at. One per test class, in a
 * static {@code @RegisterExtension} field: the service under test is configured with its address before it
 * starts, and the server stops after the class.
 */
public final class WeComApi implements AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final int AGENT_ID = 1000002;
    public static final String APP_SECRET = "app-secret";
    private static final String CONTACT_SECRET = "test-secret";

    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public WeComApi(Function<Call, MockResponse> answers) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody().readUtf8();
                var url = request.getRequestUrl();
                var query = new LinkedHashMap<String, String>();
                url.queryParameterNames().forEach(name -> query.put(name, url.queryParameter(name)));
                var call = new Call(url.encodedPath(), body.isEmpty() ? null : read(body), Map.copyOf(query));
                calls.add(call);
                // each secret (客户联系, the app) has its own token, so a test can tell which one a call used
                return call.path().equals("/cgi-bin/gettoken")
                        ? json("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"TK-" + query.get("corpsecret")
                        + "\",\"expires_in\":7200}")
                        : answers.apply(call);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the service at this stand-in, with the contact-way sync out of the way. */
    public void configure(DynamicPropertyRegistry registry) {
        registry.add("nurture.wecom.corp-id", () -> "ww-test-corp");
        registry.add("nurture.wecom.secret", () -> CONTACT_SECRET);
        registry.add("nurture.wecom.api-base-url", () -> server.url("").toString().replaceAll("/$", ""));
        // the minute sync would call WeCom at moments of its own choosing; a test that needs it calls it itself
        registry.add("nurture.capture.contact-way-sync-millis", () -> "86400000");
    }

    /** Also the corp's self-built app, whose token app messages need: agent id {@link #AGENT_ID}. */
    public void configureApp(DynamicPropertyRegistry registry) {
        configure(registry);
        registry.add("nurture.wecom.agent-id", () -> String.valueOf(AGENT_ID));
        registry.add("nurture.wecom.agent-secret", () -> APP_SECRET);
    }

    /** The access token the stand-in hands out for a secret. */
    public static String tokenFor(String secret) {
        return "TK-" + secret;
    }

    /** An address on the stand-in, such as the one WeCom gives for a contact way's QR picture. */
    public String url(String path) {
        return server.url(path).toString();
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    public void forget() {
        calls.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.shutdown();
    }

    public static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    /** The JSON body WeCom's API was sent, as a stand-in reads it. */
    public static JsonNode bodyOf(RecordedRequest request) {
        return read(request.getBody().readUtf8());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One call: its path, its JSON body (null for a GET) and its query parameters. */
    public record Call(String path, JsonNode body, Map<String, String> query) {
    }
}
