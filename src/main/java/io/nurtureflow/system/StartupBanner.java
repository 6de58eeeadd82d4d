package io.nurtureflow.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.Arrays;

/** Tells whoever started the service where it is and how to log in. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final TimeConfig config;
    private final Environment environment;

    StartupBanner(TimeConfig config, Environment environment) {
        this.config = config;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        log.info("""
                
                NurtureFlow is up at {}
                  login: admin (password from NURTURE_ADMIN_PASSWORD, or the one printed at first start)
                  Cockpit / Tasklist / Admin: {}/camunda/app/   profiles: {}""",
                config.baseUrl(), config.baseUrl(), Arrays.toString(environment.getActiveProfiles()));
    }
}
