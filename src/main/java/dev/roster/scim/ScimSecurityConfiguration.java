package dev.roster.scim;

import dev.roster.shared.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * {@code /scim/**} has a filter chain of its own, ahead of the API's: only a SCIM token opens it (an API key does
 * not), and every refusal is a SCIM error.
 */
@Configuration(proxyBeanMethods = false)
class ScimSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain scim(HttpSecurity http, ScimTokenService tokens, Problems problems) throws Exception {
        return http.securityMatcher("/scim/**")
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ScimAuthenticationFilter(tokens, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, ScimAuthenticationFilter.CHALLENGE);
                            problems.write(
                                    response,
                                    problems.build(
                                            HttpStatus.UNAUTHORIZED,
                                            "missing_scim_token",
                                            "Send a SCIM token as Authorization: Bearer <token>, or as the password"
                                                    + " of HTTP Basic.",
                                            request));
                        })
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                response,
                                problems.build(HttpStatus.FORBIDDEN, "forbidden", "Access denied.", request))))
                .build();
    }
}
