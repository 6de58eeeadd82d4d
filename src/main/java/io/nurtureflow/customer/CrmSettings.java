package io.nurtureflow.customer;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The company's existing CRM, looked up when a lead comes in: NURTURE_CRM_URL (blank: no CRM, local data only),
 * NURTURE_CRM_TOKEN (sent as a bearer token), NURTURE_CRM_TIMEOUT (a slow CRM must not hold up the lead form).
 */
@ConfigurationProperties("nurture.crm")
record CrmSettings(String url, String token, Duration timeout) {

    CrmSettings {
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    }

    boolean configured() {
        return url != null && !url.isBlank();
    }
}
