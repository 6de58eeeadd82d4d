package io.nurtureflow.wecom;

import java.time.Instant;
import java.util.Map;

/**
 * One decrypted, signature-checked WeCom callback (企业微信回调) event. {@code event} and {@code changeType}
 * are WeCom's own values, e.g. "change_external_contact" / "add_external_contact"; {@code state} is the
 * contact way's state (our channel code); {@code welcomeCode} is valid for 20 seconds.
 */
public record CallbackEvent(String toUserName, String fromUserName, Instant createTime, String msgType,
                            String event, String changeType, String userId, String externalUserId, String state,
                            String welcomeCode, Map<String, String> fields) {
}
