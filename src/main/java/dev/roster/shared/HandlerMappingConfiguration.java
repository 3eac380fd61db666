package dev.roster.shared;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Controller methods are found by {@link PathShapeHandlerMapping}, which sets aside those that cannot match. */
@Configuration(proxyBeanMethods = false)
class HandlerMappingConfiguration implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
        return new PathShapeHandlerMapping();
    }
}
