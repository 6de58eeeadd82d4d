package io.nurtureflow.customer;

import java.security.SecureRandom;
import java.time.Clock;

/** Customer ids sort by creation time (index-friendly) and are unguessable (they appear in URLs). */
final class CustomerIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CustomerIds() {
    }

    static String next(Clock clock) {
        var id = new StringBuilder("C");
        long millis = clock.millis();
        for (int shift = 45; shift >= 0; shift -= 5) {
            id.append(ALPHABET[(int) (millis >>> shift) & 31]);
        }
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[RANDOM.nextInt(32)]);
        }
        return id.toString();
    }
}
