package io.nurtureflow.wecom;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * WeCom's documented limits for a customer message (add_msg_template): text at most 4000 bytes, at most 9
 * attachments, link title 128 / description 512 / URL 2048 bytes, mini-program title 64 bytes, at most 10,000
 * customers per call. Checked when content is saved, because WeCom would only refuse it at the moment of sending.
 */
public final class WeComLimits {

    public static final int TEXT_BYTES = 4000;
    public static final int ATTACHMENTS = 9;
    /** add_msg_template takes at most 10,000 external contacts in one call: a larger batch is split. */
    public static final int MASS_SEND_CUSTOMERS = 10_000;
    static final int LINK_TITLE_BYTES = 128;
    static final int LINK_DESCRIPTION_BYTES = 512;
    static final int URL_BYTES = 2048;
    static final int MINIPROGRAM_TITLE_BYTES = 64;
    /** userid, external_userid, corp id, event names: WeCom's ids are at most 64 characters */
    static final int ID_LENGTH = 64;

    private WeComLimits() {
    }

    /** Every broken limit, each naming the field (relative to the message: "text", "attachments[2].title"). */
    public static List<Violation> check(String text, List<Attachment> attachments) {
        var violations = new ArrayList<Violation>();
        boolean noText = text == null || text.isBlank();
        if (noText && attachments.isEmpty()) {
            violations.add(new Violation("text", "a message needs text or at least one attachment"));
        }
        if (!noText && bytes(text) > TEXT_BYTES) {
            violations.add(new Violation("text", "text is " + bytes(text) + " bytes; WeCom takes at most " + TEXT_BYTES));
        }
        if (attachments.size() > ATTACHMENTS) {
            violations.add(new Violation("attachments", attachments.size() + " attachments; WeCom takes at most "
                    + ATTACHMENTS));
        }
        for (int i = 0; i < attachments.size(); i++) {
            checkAttachment("attachments[" + i + "].", attachments.get(i), violations);
        }
        return violations;
    }

    private static void checkAttachment(String at, Attachment a, List<Violation> violations) {
        if (a.kind() == null) {
            violations.add(new Violation(at + "kind", "kind is one of IMAGE, LINK, MINIPROGRAM, VIDEO, FILE"));
            return;
        }
        switch (a.kind()) {
            case IMAGE -> {
                if (blank(a.mediaId()) && blank(a.picUrl())) {
                    violations.add(new Violation(at + "mediaId", "an image needs a media id or a picture URL"));
                }
                url(at + "picUrl", a.picUrl(), false, violations);
            }
            case LINK -> {
                required(at + "title", a.title(), LINK_TITLE_BYTES, violations);
                limit(at + "description", a.description(), LINK_DESCRIPTION_BYTES, violations);
                url(at + "url", a.url(), true, violations);
                url(at + "picUrl", a.picUrl(), false, violations);
            }
            case MINIPROGRAM -> {
                required(at + "title", a.title(), MINIPROGRAM_TITLE_BYTES, violations);
                required(at + "mediaId", a.mediaId(), 256, violations);
                required(at + "appId", a.appId(), 64, violations);
                required(at + "page", a.page(), 256, violations);
            }
            case VIDEO, FILE -> required(at + "mediaId", a.mediaId(), 256, violations);
        }
    }

    private static void required(String field, String value, int maxBytes, List<Violation> violations) {
        if (blank(value)) {
            violations.add(new Violation(field, field.substring(field.lastIndexOf('.') + 1) + " is required"));
        } else {
            limit(field, value, maxBytes, violations);
        }
    }

    private static void limit(String field, String value, int maxBytes, List<Violation> violations) {
        if (value != null && bytes(value) > maxBytes) {
            violations.add(new Violation(field, field.substring(field.lastIndexOf('.') + 1) + " is " + bytes(value)
                    + " bytes; WeCom takes at most " + maxBytes));
        }
    }

    private static void url(String field, String value, boolean required, List<Violation> violations) {
        if (blank(value)) {
            if (required) {
                violations.add(new Violation(field, "a URL is required"));
            }
            return;
        }
        limit(field, value, URL_BYTES, violations);
        try {
            String scheme = URI.create(value).getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                violations.add(new Violation(field, "not an http(s) URL: " + value));
            }
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field, "not a URL: " + value));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static int bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    public record Violation(String field, String message) {
    }
}
