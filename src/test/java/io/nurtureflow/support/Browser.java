package io.nurtureflow.support;

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
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol, for pages a test must click through: navigate,
 * run a script in the page, wait for a condition, take a screenshot. Waiting has a generous deadline that only
 * turns a page that never gets there into a failure; no assertion depends on how long anything took.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0 Mobile Safari/537.36";

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private Browser(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** A phone-sized window whose browser says it is the given user agent (WeCom's in-app browser, say). */
    public static Browser launch(String userAgent, int width, int height) {
        try {
            Path profile = Files.createTempDirectory("chromium-cdp");
            var process = new ProcessBuilder(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--hide-scrollbars", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--user-agent=" + userAgent, "about:blank")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroyForcibly();
                    throw new AssertionError("Chromium did not open its DevTools port");
                }
                Thread.sleep(50);
            }
            String port = Files.readAllLines(portFile).get(0).strip();
            var http = HttpClient.newHttpClient();
            var targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    page = target.path("webSocketDebuggerUrl").asText();
                }
            }
            var holder = new CompletableFuture<Browser>();
            var listener = new Listener(holder);
            var socket = http.newWebSocketBuilder().buildAsync(URI.create(page), listener).get(30, TimeUnit.SECONDS);
            var browser = new Browser(process, profile, socket);
            holder.complete(browser);
            return browser;
        } catch (Exception e) {
            throw new AssertionError("Chromium could not be started", e);
        }
    }

    /** Opens the URL and waits until the document has loaded. */
    public void open(String url) {
        call("Page.navigate", Map.of("url", url));
        waitUntil("document.readyState === 'complete' && location.href !== 'about:blank'");
    }

    /** A phone's browser, as a lead scanning a poster has it. */
    public static Browser phone() {
        return launch(PHONE, 390, 844);
    }

    /** Runs an expression that leaves the page (a form sent, a link followed) and waits until the next one loaded. */
    public void evalAndLoad(String expression) {
        eval("window.__leaving = true; " + expression);
        waitUntil("window.__leaving === undefined && document.readyState === 'complete'");
    }

    /** Runs an expression in the page (awaiting a promise) and answers its value as JSON. */
    public JsonNode eval(String expression) {
        var result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    public String text(String expression) {
        return eval(expression).asText();
    }

    /** Waits until the expression is true in the page; a page that never gets there fails the test. */
    public void waitUntil(String condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                if (eval("Boolean(" + condition + ")").asBoolean()) {
                    return;
                }
            } catch (AssertionError navigating) {
                // the page was being replaced while we asked: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page never got to: " + condition + " (at " + text("location.href") + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The page as it looks now, kept as target/screenshots/{name}.png to look at. */
    public Path saveScreenshot(String name) {
        try {
            var file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, screenshot());
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public byte[] screenshot() {
        return Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        var answer = new CompletableFuture<JsonNode>();
        pending.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                    .get(30, TimeUnit.SECONDS);
            JsonNode message = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (message.has("error")) {
                throw new AssertionError(method + ": " + message.path("error"));
            }
            return message.path("result");
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // a leftover temporary profile harms nobody; Chromium's helper processes may still be writing to it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Puts together the frames of each message and hands answers to whoever is waiting for them. */
    private static final class Listener implements WebSocket.Listener {

        private final CompletableFuture<Browser> browser;
        private final StringBuilder partial = new StringBuilder();

        Listener(CompletableFuture<Browser> browser) {
            this.browser = browser;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                browser.thenAccept(b -> b.deliver(message));
            }
            socket.request(1);
            return null;
        }
    }

    private void deliver(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            if (node.has("id")) {
                var waiting = pending.get(node.get("id").asInt());
                if (waiting != null) {
                    waiting.complete(node);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("DevTools sent something that is not JSON", e);
        }
    }
}
