package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Conflict;
import io.nurtureflow.system.NotFound;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * The privacy notice a lead consents to on the landing form. Every edit is a new version and old versions stay
 * readable, because a stored consent is only proof of what the lead agreed to while the text it saw still exists.
 */
@Service
public class PrivacyNotices {

    static final int TITLE_LENGTH = 100;
    /** a long notice on a phone is already several screens; the column holds far more */
    static final int TEXT_LENGTH = 10_000;

    private final PrivacyNoticeMapper notices;
    private final Clock clock;

    PrivacyNotices(PrivacyNoticeMapper notices, Clock clock) {
        this.notices = notices;
        this.clock = clock;
    }

    /** There is always one: the migration ships version 1. */
    public PrivacyNotice current() {
        return notices.current().orElseThrow(() -> new IllegalStateException("No privacy notice: migration V57 ships one."));
    }

    public PrivacyNotice get(int version) {
        return notices.find(version).orElseThrow(() -> new NotFound("No privacy notice version " + version + "."));
    }

    @Transactional
    public PrivacyNotice publish(String title, String text, String by) {
        String cleanTitle = required("title", title, TITLE_LENGTH);
        String cleanText = required("text", text, TEXT_LENGTH);
        int version = current().version() + 1;
        try {
            notices.insert(version, cleanTitle, cleanText, by, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new Conflict("version", "Another admin saved version " + version + " just now; read it and save again.");
        }
        return get(version);
    }

    /**
     * The consent to a version that exists, not necessarily the current one: a lead who opened the page before an
     * edit consented to what it was shown, and that is the version to store.
     */
    public Consent consent(Integer version, Instant at, String field) {
        if (version == null) {
            throw new BadInput(field, field + " is required with a consent.");
        }
        if (notices.find(version).isEmpty()) {
            throw new BadInput(field, "No privacy notice version " + version + ".");
        }
        return new Consent(version, at);
    }

    private static String required(String field, String value, int length) {
        if (value == null || value.isBlank()) {
            throw new BadInput(field, field + " is required.");
        }
        String clean = value.strip();
        if (clean.length() > length) {
            throw new BadInput(field, field + " is longer than " + length + " characters.");
        }
        return clean;
    }
}
