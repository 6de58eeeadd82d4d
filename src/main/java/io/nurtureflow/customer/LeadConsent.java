package io.nurtureflow.customer;

import java.time.Instant;

/** What proves a lead's consent: which lead (source, channel), which notice version, when. */
record LeadConsent(long leadId, String source, Long channelId, int noticeVersion, Instant consentedAt) {
}
