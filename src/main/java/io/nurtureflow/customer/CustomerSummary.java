package io.nurtureflow.customer;

import java.time.Instant;

/** A search hit: enough to pick the customer, the profile has the rest (identities included, masked as due). */
record CustomerSummary(String id, String name, String owner, Stage stage, int score, String layer, Instant createdAt) {
}
