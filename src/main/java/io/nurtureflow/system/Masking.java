package io.nurtureflow.system;

import java.util.regex.Pattern;

/** Phone numbers never reach a log or a non-owner's screen in full. */
public final class Masking {

    /*
     * A mainland mobile number in free text: 1[3-9] and nine digits, alone or after 86 or +86. Only a longer digit
     * run disqualifies it (epoch millis, order numbers); letters next to it do not, since a URL-encoded "+" (%2B)
     * puts a letter right before the 86.
     */
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<!\\d)(?:\\+?86)?1[3-9]\\d{9}(?!\\d)");

    /** Longer values are cut here in log lines: enough to recognise one, not enough to flood the log. */
    static final int LOGGED_INPUT_LENGTH = 200;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private Masking() {
    }

    /** +8613812345678 → +86138****5678 */
    public static String phone(String phone) {
        if (phone == null || phone.length() < 8) {
            return "****";
        }
        int keepEnd = 4;
        int maskFrom = phone.length() - keepEnd - 4;
        return phone.substring(0, maskFrom) + "****" + phone.substring(phone.length() - keepEnd);
    }

    /** Every mobile number in the text masked as {@link #phone} masks one, whatever else the text says. */
    public static String phonesIn(String text) {
        if (text == null) {
            return null;
        }
        return MOBILE_IN_TEXT.matcher(text).replaceAll(mobile -> phone(mobile.group()));
    }

    /** A value quoted in a log line: on one line (CR, LF and other controls escaped) and at most ~200 characters. */
    static String inputForLog(Object value) {
        String text = value instanceof Object[] array ? java.util.Arrays.deepToString(array) : String.valueOf(value);
        var quoted = new StringBuilder(Math.min(text.length(), LOGGED_INPUT_LENGTH) + 24);
        int shown = Math.min(text.length(), LOGGED_INPUT_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> quoted.append("\\r");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        if (text.length() > shown) {
            quoted.append("…(").append(text.length()).append(" chars)");
        }
        return quoted.toString();
    }

    /**
     * A message that quotes input without saying where (a framework's own text) keeps its lines, but every line
     * after the first is indented, like a stack trace's: nothing in it can pass for a log line of its own.
     */
    static String continuationLinesIndented(String text) {
        return text == null ? null : LINE_BREAK.matcher(text).replaceAll("\n\t");
    }
}
