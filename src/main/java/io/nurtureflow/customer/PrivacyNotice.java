package io.nurtureflow.customer;

import java.time.Instant;

/** One version of the privacy notice (个人信息处理规则); versions are never changed, only superseded. */
public record PrivacyNotice(int version, String title, String text, String createdBy, Instant createdAt) {
}
