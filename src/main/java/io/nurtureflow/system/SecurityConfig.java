package io.nurtureflow.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.LinkedHashMap;

import static io.nurtureflow.system.Role.ADMIN;
import static io.nurtureflow.system.Role.INTEGRATION;
import static io.nurtureflow.system.Role.REP;
import static io.nurtureflow.system.Role.SALES_LEAD;

@Configuration
@EnableWebSecurity
class SecurityConfig {

    /** the description as JSON, as YAML (/v3/api-docs.yaml) and Swagger UI's configuration below it */
    private static final String[] API_DOCS = {"/v3/api-docs*", "/v3/api-docs/**"};

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // the lead's side: scan pages, tracked links, WeCom's callbacks, the health probe
                        .requestMatchers("/q/**", "/l/**", "/wecom/callback", "/actuator/health",
                                "/error", "/css/**", "/js/**", "/favicon.ico", "/login").permitAll()
                        // the workspace's sign-in: WeCom's web sign-in comes back here with its code
                        .requestMatchers("/m/signin", "/m/signin/wecom").permitAll()
                        // the Camunda webapps authenticate against the same identity service themselves
                        .requestMatchers("/camunda/**").permitAll()
                        .requestMatchers("/engine-rest/**", "/api/users/**", "/api/channels/**").hasRole(ADMIN.name())
                        .requestMatchers("/api/simulation/**").hasRole(ADMIN.name())
                        .requestMatchers(API_DOCS).hasRole(ADMIN.name())
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**").hasRole(ADMIN.name())
                        .requestMatchers("/api/imports/**", "/api/tags/**", "/api/wecom/**").hasRole(ADMIN.name())
                        .requestMatchers("/api/reviews/**", "/api/merges/**").hasAnyRole(ADMIN.name(), SALES_LEAD.name())
                        .requestMatchers("/api/sop/**", "/api/flows/**").hasRole(ADMIN.name())
                        .requestMatchers("/api/leads/**", "/api/events/**").hasAnyRole(ADMIN.name(), INTEGRATION.name())
                        .requestMatchers(HttpMethod.GET, "/api/privacy-notices/**").hasAnyRole(ADMIN.name(), INTEGRATION.name())
                        .requestMatchers("/api/privacy-notices/**").hasRole(ADMIN.name())
                        .requestMatchers("/api/customers/**").hasAnyRole(ADMIN.name(), SALES_LEAD.name(), REP.name())
                        .requestMatchers("/api/me/**").hasAnyRole(ADMIN.name(), SALES_LEAD.name(), REP.name())
                        .requestMatchers("/api/staff/**").hasAnyRole(ADMIN.name(), SALES_LEAD.name(), REP.name())
                        .requestMatchers(HttpMethod.GET, "/api/scripts/**").hasAnyRole(ADMIN.name(), SALES_LEAD.name(), REP.name())
                        .requestMatchers("/api/scripts/**").hasRole(ADMIN.name())
                        .requestMatchers("/m", "/api/workspace/**").hasAnyRole(ADMIN.name(), SALES_LEAD.name(), REP.name())
                        .requestMatchers("/reports", "/api/reports/**").hasAnyRole(ADMIN.name(), SALES_LEAD.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint()))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint())
                        .accessDeniedHandler((request, response, e) -> {
                            response.setStatus(HttpStatus.FORBIDDEN.value());
                            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                            response.getWriter().write(Problems.json(403, "Forbidden", "Your role may not do this.", null));
                        }))
                // scripts use Basic; the public lead form is protected by its own rate limit, not a session token
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/engine-rest/**", "/q/**", "/wecom/callback",
                        "/camunda/**"))
                .headers(h -> h.frameOptions(f -> f.sameOrigin()));
        return http.build();
    }

    /** API callers (and OpenAPI clients) get 401 problem+json; browsers get the login page. */
    private DelegatingAuthenticationEntryPoint entryPoint() {
        var entries = new LinkedHashMap<RequestMatcher, org.springframework.security.web.AuthenticationEntryPoint>();
        var apiClients = new OrRequestMatcher(new AntPathRequestMatcher("/api/**"),
                new AntPathRequestMatcher(API_DOCS[0]), new AntPathRequestMatcher(API_DOCS[1]));
        entries.put(apiClients, (request, response, e) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("WWW-Authenticate", "Basic realm=\"NurtureFlow\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write(Problems.json(401, "Unauthorized", "Log in with HTTP Basic or a session.", null));
        });
        entries.put(new AntPathRequestMatcher("/engine-rest/**"), (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"NurtureFlow\"");
            response.sendError(HttpStatus.UNAUTHORIZED.value());
        });
        // the workspace signs in through WeCom inside the WeCom client, through the login page elsewhere
        entries.put(new AntPathRequestMatcher("/m"), new LoginUrlAuthenticationEntryPoint("/m/signin"));
        var delegating = new DelegatingAuthenticationEntryPoint(entries);
        delegating.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
        return delegating;
    }
}
