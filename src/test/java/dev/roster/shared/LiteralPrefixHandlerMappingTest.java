package dev.roster.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.ApiTestBase;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPatternParser;

/** Setting aside the controller methods whose paths cannot match changes which method answers nothing. */
@RosterTest
class LiteralPrefixHandlerMappingTest extends ApiTestBase {

    @Test
    void aPatternsTextBeforeItsFirstVariableOrWildcardIsWhatAPathMustBeginWith() {
        RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
        options.setPatternParser(PathPatternParser.defaultInstance);
        RequestMappingInfo users = RequestMappingInfo.paths(
                        "/v1/users/{userId}", "/v1/organizations/{orgId}/users/{userId}")
                .options(options)
                .build();

        String[] prefixes = LiteralPrefixHandlerMapping.prefixes(users);

        assertThat(prefixes).containsExactlyInAnyOrder("/v1/users/", "/v1/organizations/");
        assertThat(LiteralPrefixHandlerMapping.mayMatch(prefixes, "/v1/users/42"))
                .isTrue();
        assertThat(LiteralPrefixHandlerMapping.mayMatch(prefixes, "/v1/organizations/7/users/42"))
                .isTrue();
        assertThat(LiteralPrefixHandlerMapping.mayMatch(prefixes, "/v1/groups/42"))
                .isFalse();
        assertThat(LiteralPrefixHandlerMapping.literalPrefix("/docs/**")).isEqualTo("/docs/");
        assertThat(LiteralPrefixHandlerMapping.literalPrefix("/files/te?t")).isEqualTo("/files/te");
        assertThat(LiteralPrefixHandlerMapping.literalPrefix("/v1/permissions")).isEqualTo("/v1/permissions");
        assertThat(LiteralPrefixHandlerMapping.prefixes(
                        RequestMappingInfo.paths().options(options).build()))
                .containsExactly("");
    }

    @Test
    void aPathWithVariablesEscapesOrAWrongMethodIsAnsweredAsBefore() {
        // given a user
        Tenant tenant = fixtures.tenant("free");
        String email = Fixtures.uniqueEmail("prefix");
        String id = fixtures.user(tenant.adminKey(), email);

        // when it is read by its path, by the same path with an escaped letter, with a method the path has not,
        // and by a path no method has
        var plain = api.get("/v1/users/" + id, tenant.adminKey());
        var escaped = api.get("/v1/%75sers/" + id, tenant.adminKey());
        var wrongMethod = api.send("PUT", "/v1/users/" + id, tenant.adminKey(), "{}", Map.of());
        var nowhere = api.get("/v1/usersx/" + id, tenant.adminKey());

        // then the first two find the user (a pattern compares the decoded path), the third is 405 and the last 404
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.field("email")).isEqualTo(email);
        assertThat(escaped.status()).as(escaped.text()).isEqualTo(200);
        assertThat(escaped.field("email")).isEqualTo(email);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.field("code")).isEqualTo("method_not_allowed");
        assertThat(nowhere.status()).isEqualTo(404);
    }
}
