package io.nurtureflow.report;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A report as a CSV file Excel opens with its Chinese intact: UTF-8 with a byte-order mark, CRLF lines, quoted
 * cells. A cell that starts like a formula (a channel named "=…") is prefixed with ' so Excel shows it as text.
 */
final class Csv {

    private static final String BOM = "\uFEFF";

    private Csv() {
    }

    static ResponseEntity<byte[]> download(String filename, List<String> headings, List<List<Object>> rows) {
        var text = new StringBuilder(BOM);
        line(text, headings.stream().map(h -> (Object) h).toList());
        rows.forEach(row -> line(text, row));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder text, List<Object> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells.get(i)));
        }
        text.append("\r\n");
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
