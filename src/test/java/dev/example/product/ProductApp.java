package dev.example.product;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.AuthenticatedPrincipalOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * A product's application that Roster did not write, as its developers would build it: Spring Security's {@code
 * oauth2Login} configured with Roster's issuer, client id and secret only (discovery does the rest). Its pages show
 * who signed in and what Roster's API, its refresh and its revocation answered with the tokens it got.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
})
@EnableWebSecurity
@Import(ProductApp.Pages.class)
public class ProductApp {

    /** Starts the application on the port its redirect URI was registered with. */
    public static ConfigurableApplicationContext start(int port, String issuer, String clientId, String secret) {
        return new SpringApplicationBuilder(ProductApp.class)
                .properties(Map.of(
                        "server.port", port,
                        "server.address", "127.0.0.1",
                        "spring.main.banner-mode", "off",
                        "spring.jmx.enabled", "false",
                        "product.issuer", issuer,
                        "product.client-id", clientId,
                        "product.client-secret", secret))
                .run();
    }

    @Bean
    ClientRegistrationRepository registrations(Environment env) {
        return new InMemoryClientRegistrationRepository(
                ClientRegistrations.fromIssuerLocation(env.getRequiredProperty("product.issuer"))
                        .registrationId("roster")
                        .clientId(env.getRequiredProperty("product.client-id"))
                        .clientSecret(env.getRequiredProperty("product.client-secret"))
                        .scope("openid", "profile", "email")
                        .build());
    }

    @Bean
    OAuth2AuthorizedClientService authorizedClients(ClientRegistrationRepository registrations) {
        return new InMemoryOAuth2AuthorizedClientService(registrations);
    }

    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository(OAuth2AuthorizedClientService clients) {
        return new AuthenticatedPrincipalOAuth2AuthorizedClientRepository(clients);
    }

    @Bean
    SecurityFilterChain product(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/bye");
        return http.authorizeHttpRequests(requests -> requests.requestMatchers("/bye")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2Login(login -> login.failureHandler((request, response, e) -> {
                    // A failed sign-in says why, so that a test sees it.
                    response.setStatus(401);
                    response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                    response.getWriter().write("sign-in failed: " + e.getMessage());
                }))
                .logout(out -> out.logoutSuccessHandler(logout))
                .build();
    }

    private static String tokenEndpoint(
            OAuth2AuthorizedClient client, String uri, LinkedMultiValueMap<String, String> form) {
        return call(() -> RestClient.create()
                        .post()
                        .uri(URI.create(uri))
                        .headers(headers -> headers.setBasicAuth(
                                client.getClientRegistration().getClientId(),
                                client.getClientRegistration().getClientSecret()))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(form)
                        .retrieve()
                        .toEntity(String.class)
                        .getStatusCode()
                        .value()
                + "");
    }

    private static String call(java.util.function.Supplier<String> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            return e.getStatusCode().value() + " " + e.getResponseBodyAsString();
        }
    }

    /** The product's pages. */
    @RestController
    static class Pages {

        private final OAuth2AuthorizedClientService clients;
        private final String issuer;

        Pages(OAuth2AuthorizedClientService clients, Environment env) {
            this.clients = clients;
            this.issuer = env.getRequiredProperty("product.issuer");
        }

        @GetMapping(value = "/", produces = MediaType.TEXT_PLAIN_VALUE)
        String home(@AuthenticationPrincipal OidcUser user) {
            return "email=" + user.getEmail() + "\norg=" + user.getClaimAsString("org_name") + "\nroles="
                    + user.getClaimAsStringList("roles") + "\nsub=" + user.getSubject();
        }

        /**
         * The claims Spring Security fetched from Roster's userinfo endpoint at sign-in (it asks for them when the
         * provider has one and the profile or email scope was granted); none when it never did.
         */
        @GetMapping(value = "/userinfo", produces = MediaType.TEXT_PLAIN_VALUE)
        String userInfo(@AuthenticationPrincipal OidcUser user) {
            OidcUserInfo info = user.getUserInfo();
            if (info == null) {
                return "userinfo was not fetched";
            }
            StringBuilder page = new StringBuilder();
            for (String claim : List.of("sub", "email", "name", "given_name", "family_name", "org_name")) {
                page.append("userinfo.")
                        .append(claim)
                        .append('=')
                        .append(info.getClaimAsString(claim))
                        .append('\n');
            }
            return page.toString();
        }

        /** Reads the signed-in user from Roster's API with the access token the application holds. */
        @GetMapping(value = "/api", produces = MediaType.TEXT_PLAIN_VALUE)
        String api(@AuthenticationPrincipal OidcUser user, Authentication signedIn) {
            OAuth2AuthorizedClient client = clients.loadAuthorizedClient("roster", signedIn.getName());
            return call(() -> RestClient.create(issuer)
                    .get()
                    .uri("/v1/users/{id}", user.getSubject())
                    .header("Authorization", "Bearer " + client.getAccessToken().getTokenValue())
                    .retrieve()
                    .body(String.class));
        }

        /** Exchanges the refresh token once, as a client whose access token expired would. */
        @GetMapping(value = "/refresh", produces = MediaType.TEXT_PLAIN_VALUE)
        String refresh(Authentication signedIn) {
            OAuth2AuthorizedClient client = clients.loadAuthorizedClient("roster", signedIn.getName());
            LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "refresh_token");
            form.add("refresh_token", client.getRefreshToken().getTokenValue());
            return tokenEndpoint(
                    client, client.getClientRegistration().getProviderDetails().getTokenUri(), form);
        }

        /** Revokes the refresh token (RFC 7009), then tries it again. */
        @GetMapping(value = "/revoke", produces = MediaType.TEXT_PLAIN_VALUE)
        String revoke(Authentication signedIn) {
            OAuth2AuthorizedClient client = clients.loadAuthorizedClient("roster", signedIn.getName());
            String tokenUri =
                    client.getClientRegistration().getProviderDetails().getTokenUri();
            String revocation = tokenUri.replace("/oauth2/token", "/oauth2/revoke");
            LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("token", client.getRefreshToken().getTokenValue());
            String revoked = tokenEndpoint(client, revocation, form);
            LinkedMultiValueMap<String, String> again = new LinkedMultiValueMap<>();
            again.add("grant_type", "refresh_token");
            again.add("refresh_token", client.getRefreshToken().getTokenValue());
            return "revoked:" + revoked + "\nafter:" + tokenEndpoint(client, tokenUri, again);
        }

        /** A sign-out button: the product's own form, with its CSRF token. */
        @GetMapping(value = "/signout", produces = MediaType.TEXT_HTML_VALUE)
        String signOut(CsrfToken csrf) {
            return "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"" + csrf.getParameterName()
                    + "\" value=\"" + csrf.getToken() + "\"><button type=\"submit\">Sign out</button></form>";
        }

        @GetMapping(value = "/bye", produces = MediaType.TEXT_PLAIN_VALUE)
        String bye() {
            return "signed out of the product";
        }
    }
}
