package io.nurtureflow.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Our pages link to plain paths, never to fingerprinted resources, so the resource-URL encoding Spring Boot switches
 * on with the webjars locator only costs: every link of every rendered page was looked up among the static resources
 * and the webjars, and a link of one lead's own (its 联系我 code, its rep's QR) never hit the cache. That was 7 % of
 * the CPU of a form intake in the profile behind docs/BENCHMARKS.md. Registered disabled, Boot's filter is not added;
 * version-less webjar paths (/webjars/echarts/...) are still resolved where they are served.
 */
@Configuration
class PageLinks {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> plainPageLinks() {
        var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
