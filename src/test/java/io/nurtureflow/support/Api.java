package io.nurtureflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The public HTTP API as a script or a browser sees it: real requests to the running service. */
public final class Api {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-password";
    public static final String REP_PASSWORD = "rep-password-123";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    public Response get(String path, String user) {
        return send(request(path, user).GET());
    }

    /** A public page opened by a lead behind our reverse proxy, from the given address. */
    public Response getFrom(String path, String clientAddress) {
        return send(request(path, null).header("X-Forwarded-For", clientAddress).GET());
    }

    public Response post(String path, String user, Object body) {
        return send(request(path, user).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body))));
    }

    public Response put(String path, String user, Object body) {
        return send(request(path, user).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body))));
    }

    public Response putBytes(String path, String user, String contentType, byte[] body) {
        return send(request(path, user).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response delete(String path, String user) {
        return send(request(path, user).DELETE());
    }

    /**
     * The landing form as a lead sends it after ticking the consent box under the shipped privacy notice (version 1
     * always exists); the fields given win. {@link #postFormAsTyped} sends only the fields given.
     */
    public Response postForm(String path, Map<String, String> fields) {
        var consented = new LinkedHashMap<String, String>();
        consented.put("consent", "yes");
        consented.put("noticeVersion", "1");
        consented.putAll(fields);
        return postFormAsTyped(path, consented);
    }

    public Response postFormAsTyped(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * A deployment as Camunda Modeler's Deploy button sends it: a multipart upload to /engine-rest/deployment/create
     * with the deployment's name, its source and the file as a part named after the file.
     */
    public Response deploy(String user, String fileName, byte[] file) {
        String boundary = "----nurtureflow" + UUID.randomUUID().toString().replace("-", "");
        var body = new java.io.ByteArrayOutputStream();
        var fields = new LinkedHashMap<String, String>();
        fields.put("deployment-name", fileName.replaceAll("\\.bpmn$", ""));
        fields.put("deployment-source", "Camunda Modeler");
        fields.put("deploy-changed-only", "true");
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/engine-rest/deployment/create", user)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A new rep (or other role) with a unique name, so tests never depend on each other's data. */
    public String newUser(String prefix, String role) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = post("/api/users", ADMIN, Map.of("username", username, "displayName", "顾问" + username.substring(username.length() - 4),
                "password", REP_PASSWORD, "role", role));
        if (response.status() != 201) {
            throw new IllegalStateException("could not create user: " + response.body());
        }
        return username;
    }

    /**
     * A request whose target goes over the wire byte for byte: {@link URI} and the JDK's client normalise or refuse
     * the targets (an encoded NUL, "..", "//", a bare "%") a hostile caller sends. {@code accept} may be null.
     */
    public Response raw(String requestLine, String user, String accept, String... headers) {
        var head = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
        if (user != null) {
            head.append("Authorization: ").append(basic(user)).append("\r\n");
        }
        if (accept != null) {
            head.append("Accept: ").append(accept).append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        var port = URI.create(base).getPort();
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            return RawResponse.read(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response advanceClock(String duration) {
        return post("/api/simulation/clock", ADMIN, Map.of("advance", duration));
    }

    private HttpRequest.Builder request(String path, String user) {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        if (user != null) {
            builder.header("Authorization", basic(user));
        }
        return builder;
    }

    private static String basic(String user) {
        String password = ADMIN.equals(user) ? ADMIN_PASSWORD : REP_PASSWORD;
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Response(int status, byte[] bytes, String contentType, String location) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body(), e);
            }
        }
    }
}
