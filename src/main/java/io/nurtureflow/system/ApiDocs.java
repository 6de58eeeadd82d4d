package io.nurtureflow.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description admins read at /swagger-ui.html; Camunda's engine-rest documents itself. */
@Configuration
class ApiDocs {

    private static final String BASIC = "basic";

    @Bean
    OpenAPI nurtureFlowApi() {
        return new OpenAPI()
                .info(new Info().title("NurtureFlow API").version("1")
                        .description("Channels and live codes, leads, customers, behaviour events, SOP plans, "
                                + "follow-up tasks. Errors are application/problem+json; bad input is 400 naming "
                                + "the field, a clash with what exists is 409."))
                .components(new Components().addSecuritySchemes(BASIC,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }
}
