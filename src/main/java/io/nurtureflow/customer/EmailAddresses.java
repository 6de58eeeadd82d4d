package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;

import java.util.Locale;
import java.util.regex.Pattern;

/** Emails are compared lower-cased; anything that cannot be delivered to is refused at the door. */
public final class EmailAddresses {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int LONGEST = 254;

    private EmailAddresses() {
    }

    public static String normalize(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new BadInput(field, field + " is required.");
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        if (email.length() > LONGEST || !SHAPE.matcher(email).matches()) {
            throw new BadInput(field, field + " is not a valid email address.");
        }
        return email;
    }
}
