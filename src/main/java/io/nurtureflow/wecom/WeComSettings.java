package io.nurtureflow.wecom;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * WeCom credentials and endpoints, from configuration only (NURTURE_WECOM_*). With no corp id the simulated
 * channel is used; {@code apiBaseUrl} is configurable so tests can point the client at a local stand-in.
 * {@code secret} is the 客户联系 secret; {@code agentId} and {@code agentSecret} are the self-built app's (应用), whose
 * own access token WeCom wants for app messages, web sign-in and the app's JS-SDK tickets.
 */
@ConfigurationProperties("nurture.wecom")
public record WeComSettings(String corpId, String secret, String token, String encodingAesKey, String apiBaseUrl,
                            Duration timeout, Integer maxAttempts, Integer agentId, String agentSecret) {

    public WeComSettings {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? "https://qyapi.weixin.qq.com" : apiBaseUrl;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    }

    public boolean configured() {
        return corpId != null && !corpId.isBlank();
    }

    /** The same corp through its self-built app's secret. */
    WeComSettings asApp() {
        return new WeComSettings(corpId, agentSecret, token, encodingAesKey, apiBaseUrl, timeout, maxAttempts, agentId,
                agentSecret);
    }
}
