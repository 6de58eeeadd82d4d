package io.nurtureflow.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium driven through its DevTools protocol (chromedevtools.github.io/devtools-protocol), so a test
 * can tick a box and press a button the way a lead does, with the browser's own form validation in the way.
 */
final class Browser implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process chromium;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    private Browser(Process chromium, WebSocket.Builder socket, URI page) {
        this.chromium = chromium;
        this.socket = socket.buildAsync(page, new Listener()).join();
    }

    /** A phone-sized window on about:blank. */
    static Browser open() throws IOException {
        Path dir = Files.createTempDirectory("chromium");
        var chromium = new ProcessBuilder(List.of(Decoders.CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=390,844", "--remote-debugging-port=0",
                "about:blank")).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        // Chromium writes the port it picked here once it listens
        Path portFile = dir.resolve("profile").resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > deadline || !chromium.isAlive()) {
                chromium.destroyForcibly();
                throw new AssertionError("Chromium did not open its DevTools port: " + Files.readString(dir.resolve("chromium.log")));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        var http = HttpClient.newHttpClient();
        try {
            var targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode target : targets) {
                if ("page".equals(target.get("type").asText())) {
                    var browser = new Browser(chromium, http.newWebSocketBuilder(),
                            URI.create(target.get("webSocketDebuggerUrl").asText()));
                    browser.call("Page.enable", Map.of());
                    return browser;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        chromium.destroyForcibly();
        throw new AssertionError("Chromium has no page to drive");
    }

    void navigate(String url) {
        awaitLoad(() -> call("Page.navigate", Map.of("url", url)));
    }

    /** Runs an expression in the page and answers its value. */
    JsonNode eval(String expression) {
        var result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("in the page: " + result.get("exceptionDetails"));
        }
        return result.get("result").get("value");
    }

    /** Runs an expression that leads to another page and waits for that page to load. */
    void evalAndLoad(String expression) {
        awaitLoad(() -> eval(expression));
    }

    private void awaitLoad(Runnable action) {
        loaded = new CompletableFuture<>();
        action.run();
        loaded.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        var answer = new CompletableFuture<JsonNode>();
        answers.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        JsonNode reply = answer.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        if (reply.has("error")) {
            throw new AssertionError(method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    @Override
    public void close() {
        socket.abort();
        chromium.destroyForcibly();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        answers.remove(message.get("id").asInt()).complete(message);
                    } else if ("Page.loadEventFired".equals(message.path("method").asText())) {
                        loaded.complete(null);
                    }
                } catch (IOException e) {
                    throw new AssertionError(e);
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
