package io.nurtureflow.wecom;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * WeCom credentials and endpoints, from configuration only (NURTURE_WECOM_*). With no corp id the simulated
 * channel is used; {@code apiBaseUrl} is configurable so tests can point the client at a local stand-in.
 */
@ConfigurationProperties("nurture.wecom")
public record WeComSettings(String corpId, String secret, String token, String encodingAesKey, String apiBaseUrl,
                            Duration timeout, Integer maxAttempts) {

    public WeComSettings {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? "https://qyapi.weixin.qq.com" : apiBaseUrl;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    }

    public boolean configured() {
        return corpId != null && !corpId.isBlank();
    }
}
