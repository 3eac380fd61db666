package dev.roster.console;

import dev.roster.auth.PagePolicy;
import dev.roster.shared.LargeBody;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Lets the console's handlers take the signed-in member's caller as an argument, serves the console's two WebJars
 * (versioned URLs, kept a year, gzipped where the WebJar ships a .gz) and its own stylesheet and script (under
 * {@code /console/assets/}, revalidated on each use), and gives console pages the content security policy that
 * allows Roster's own script ({@link PagePolicy#CONSOLE}); the import form's routes take a CSV file as large as the
 * import API's ({@link ImportUploadLimit} answers a larger one).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

    private final ConsoleCallers callers;

    ConsoleConfiguration(ConsoleCallers callers) {
        this.callers = callers;
    }

    /** The import form's two routes take its CSV file, up to the import API's 4 MiB and the form around it. */
    @Bean
    LargeBody consoleImportCheck() {
        return new LargeBody("POST", "/console/imports/check", ImportForm.MAX_BODY_BYTES);
    }

    @Bean
    LargeBody consoleImportStart() {
        return new LargeBody("POST", "/console/imports", ImportForm.MAX_BODY_BYTES);
    }

    /**
     * Multipart bodies (the import form is the only one) are parsed by the servlet container, which reads past
     * {@code BodySizeLimitFilter}'s wrapper: it stops at the import form's largest body, so that a chunked body
     * without a length cannot make it read more, and keeps the parts in memory, never in files on disk.
     */
    @Bean
    MultipartConfigElement multipartConfigElement() {
        return new MultipartConfigElement(null, -1, ImportForm.MAX_BODY_BYTES, (int) ImportForm.MAX_BODY_BYTES);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callers);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String webJar : List.of(ConsoleAssets.HTMX, ConsoleAssets.PICO)) {
            registry.addResourceHandler("/webjars/" + webJar + "/**")
                    .addResourceLocations("classpath:/META-INF/resources/webjars/" + webJar + "/")
                    .setCacheControl(CacheControl.maxAge(Duration.ofDays(365))
                            .cachePublic()
                            .immutable())
                    .resourceChain(true)
                    .addResolver(new EncodedResourceResolver())
                    .addResolver(new PathResourceResolver());
        }
        registry.addResourceHandler("/console/assets/**")
                .addResourceLocations("classpath:/static/console/")
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        response.setHeader("Content-Security-Policy", PagePolicy.CONSOLE);
                        return true;
                    }
                })
                .addPathPatterns("/console", "/console/**");
    }
}
