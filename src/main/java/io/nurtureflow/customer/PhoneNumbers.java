package io.nurtureflow.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import io.nurtureflow.system.BadInput;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Set;

/** Phones are compared in E.164; numbers without a country code are read as mainland China (+86). */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "CN";
    /** every province's short name is its first two characters, except these two */
    private static final Set<String> THREE_CHARACTER_PROVINCES = Set.of("黑龙", "内蒙");

    private PhoneNumbers() {
    }

    public static String normalize(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new BadInput(field, field + " is required.");
        }
        if (raw.length() > 32) {
            throw new BadInput(field, field + " is too long to be a phone number.");
        }
        try {
            var number = UTIL.parse(raw.trim(), DEFAULT_REGION);
            if (!UTIL.isValidNumber(number)) {
                throw new BadInput(field, field + " is not a valid phone number.");
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new BadInput(field, field + " is not a valid phone number.");
        }
    }

    /**
     * The numbers that read as phone numbers, normalized, in their order; the rest left out (a rep's remark phones
     * on a WeCom contact are free text, and one typo must not lose the others).
     */
    public static List<String> validOnly(Collection<String> raws) {
        return raws.stream().flatMap(raw -> {
            try {
                return Stream.of(normalize(raw, "phone"));
            } catch (BadInput notAPhone) {
                return Stream.empty();
            }
        }).distinct().toList();
    }

    /**
     * The province a normalized number belongs to ("江苏" for +86139...), from libphonenumber's offline geocoder;
     * empty for numbers it cannot place.
     */
    public static Optional<String> province(String e164) {
        try {
            var number = UTIL.parse(e164, DEFAULT_REGION);
            String place = PhoneNumberOfflineGeocoder.getInstance().getDescriptionForNumber(number, Locale.SIMPLIFIED_CHINESE);
            if (place.length() < 2 || !"CN".equals(UTIL.getRegionCodeForNumber(number))) {
                return Optional.empty();
            }
            String prefix = place.substring(0, 2);
            return Optional.of(THREE_CHARACTER_PROVINCES.contains(prefix) && place.length() >= 3 ? place.substring(0, 3) : prefix);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
