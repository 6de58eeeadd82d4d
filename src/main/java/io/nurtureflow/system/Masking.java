package io.nurtureflow.system;

/** Phone numbers never reach a log or a non-owner's screen in full. */
public final class Masking {

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
}
