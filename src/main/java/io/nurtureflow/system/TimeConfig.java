package io.nurtureflow.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.ZoneId;

/** Where leads live unless told otherwise; send windows are read in this zone. */
@ConfigurationProperties("nurture")
public record TimeConfig(ZoneId timeZone, String baseUrl) {

    public TimeConfig {
        timeZone = timeZone == null ? ZoneId.of("Asia/Shanghai") : timeZone;
    }
}
