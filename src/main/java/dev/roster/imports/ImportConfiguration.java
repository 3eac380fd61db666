package dev.roster.imports;

import dev.roster.shared.LargeBody;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The import's CSV may be larger than the 1 MiB other bodies are held to. */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    @Bean
    LargeBody importBody() {
        return new LargeBody("POST", "/v1/imports", ImportProperties.MAX_BYTES);
    }

    @Bean
    LargeBody organizationImportBody() {
        return new LargeBody("POST", "/v1/organizations/{orgId}/imports", ImportProperties.MAX_BYTES);
    }
}
