package io.nurtureflow.customer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) one record at a time, so a file
 * of any size streams through in constant memory. Knows the line each record started on, for error reports.
 */
final class CsvReader implements AutoCloseable {

    private final BufferedReader in;
    private long line;
    private long recordLine;

    CsvReader(Reader in) {
        this.in = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in, 1 << 16);
    }

    /** The next record's fields, or null at the end of the input. */
    List<String> next() throws IOException {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        line++;
        recordLine = line;
        if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // the byte order mark Excel writes in front of UTF-8
        }
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    break;
                }
                String more = in.readLine();
                if (more == null) {
                    throw new IOException("line " + recordLine + ": a quoted field is never closed");
                }
                line++;
                field.append('\n');
                text = more;
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The line the record last returned by {@link #next()} started on (1 = the header). */
    long recordLine() {
        return recordLine;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
