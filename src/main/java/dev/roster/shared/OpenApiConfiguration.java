package dev.roster.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /openapi.json}: every endpoint takes an API key as a bearer token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI rosterOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Roster API")
                        .version("v1")
                        .description("Organizations, API keys and users. Errors are RFC 9457 problem+json with a"
                                + " stable code, field errors, timestamp, path and requestId."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A platform, partner or organization API key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
