package io.nurtureflow.sop;

public record TrackedLink(String token, long pushId, String customerId, int stepNo, String targetUrl) {
}
