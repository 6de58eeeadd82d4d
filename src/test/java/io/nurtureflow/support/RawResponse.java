package io.nurtureflow.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** An HTTP/1.1 response read off a socket the server closed: status line, headers, body (chunked or not). */
final class RawResponse {

    private RawResponse() {
    }

    static Api.Response read(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("no complete HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        String location = null;
        boolean chunked = false;
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(line.indexOf(':') + 1).trim();
            switch (name) {
                case "content-type" -> contentType = value;
                case "location" -> location = value;
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                default -> { }
            }
        }
        byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        return new Api.Response(status, chunked ? unchunk(body) : body, contentType, location);
    }

    private static byte[] unchunk(byte[] chunked) {
        var body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrLf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1)
                    .split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("a chunk size line without its end");
    }
}
