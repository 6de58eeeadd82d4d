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
}
