package dev.roster.auth;

import dev.roster.shared.Problems;
import dev.roster.shared.RosterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Two filter chains. Roster's pages ({@link #PAGES}) run on browser sessions ({@link BrowserSessions}) with a CSRF
 * token in every form, checked against a cookie only Roster's own pages can read. The API is stateless bearer-key
 * security: no sessions, no cookies, no CSRF tokens to carry. Health, the OpenAPI document and Swagger UI are
 * public; everything else needs a key, and every refusal is problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * No Micrometer observation around each security filter: it cost more CPU than the filters themselves. HTTP
     * request metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Roster's own pages and answers: see {@link PagePolicy}. A page may set its own, which then stands. */
    static final String PAGE_POLICY = PagePolicy.DEFAULT;

    /** Swagger UI, which needs inline script and style, is the one exception. */
    static final String SWAGGER_UI_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'"
            + " 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    private static boolean isSwaggerUi(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/docs") || path.startsWith("/docs/") || path.startsWith("/swagger-ui/");
    }

    /**
     * The paths of Roster's pages, which browsers use with a session cookie and forms, and the script and style files
     * the console loads from WebJars.
     */
    static final String[] PAGES = {
        "/login", "/login/**", "/logout", "/invitations/**", "/sso/**", "/console/**", "/webjars/**"
    };

    @Bean
    BrowserSessionContextRepository browserSessionContextRepository(BrowserSessions sessions) {
        return new BrowserSessionContextRepository(sessions);
    }

    /**
     * The CSRF token's cookie: HttpOnly, SameSite=Lax, and with the {@code __Host-} prefix over https so that no
     * other host (a sibling subdomain) can plant one; each form carries the token the page was rendered with.
     */
    static CookieCsrfTokenRepository csrfTokens(RosterProperties properties) {
        boolean secure = properties.publicUrl().startsWith("https://");
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieName((secure ? "__Host-" : "") + "roster_csrf");
        tokens.setCookiePath("/");
        tokens.setCookieCustomizer(
                cookie -> cookie.secure(secure).sameSite("Lax").httpOnly(true));
        return tokens;
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(
            HttpSecurity http,
            BrowserSessionContextRepository sessions,
            RosterProperties properties,
            ITemplateEngine templates)
            throws Exception {
        return pageHeaders(http.securityMatcher(PAGES))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens(properties)))
                .securityContext(context -> context.securityContextRepository(sessions))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .anonymous(Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) -> {
                    // The only refusal on pages is a form without its CSRF token: from another site, or too old.
                    response.setStatus(HttpStatus.FORBIDDEN.value());
                    response.setContentType("text/html;charset=UTF-8");
                    response.getWriter().write(templates.process("form-expired", new Context(request.getLocale())));
                }))
                .build();
    }

    /** The headers of every answer: no referrer, and a content security policy with nothing inline. */
    static HttpSecurity pageHeaders(HttpSecurity http) throws Exception {
        return http.headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        SecurityConfiguration::isSwaggerUi,
                        new StaticHeadersWriter("Content-Security-Policy", SWAGGER_UI_POLICY)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        request -> !isSwaggerUi(request),
                        new StaticHeadersWriter("Content-Security-Policy", PAGE_POLICY))));
    }

    @Bean
    @Order(3)
    SecurityFilterChain api(HttpSecurity http, BearerCallers callers, Problems problems) throws Exception {
        return pageHeaders(http)
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerAuthenticationFilter(callers, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/openapi.json", "/openapi.json/**", "/docs", "/docs/**", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers(
                                "/v1/public/**",
                                "/v1/auth/token",
                                "/v1/auth/password",
                                "/v1/auth/revoke",
                                "/v1/auth/mfa",
                                "/v1/auth/mfa/enroll",
                                "/v1/auth/mfa/enroll/confirm")
                        .permitAll()
                        .requestMatchers("/.well-known/jwks.json", "/css/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(
                                    response,
                                    problems.build(
                                            HttpStatus.UNAUTHORIZED,
                                            "missing_api_key",
                                            "Send an API key as Authorization: Bearer <key>.",
                                            request));
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                response,
                                problems.build(HttpStatus.FORBIDDEN, "forbidden", "Access denied.", request))))
                .build();
    }
}
