package io.nurtureflow.customer;

import java.time.Instant;

/** A lead's consent to the privacy notice version it was shown, at the moment it gave it. */
public record Consent(int noticeVersion, Instant at) {
}
