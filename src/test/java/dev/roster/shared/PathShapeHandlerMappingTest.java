package dev.roster.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.PathShapeHandlerMapping.Shape;
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
class PathShapeHandlerMappingTest extends ApiTestBase {

    @Test
    void aPathMustBeginWithAPatternsTextBeforeItsFirstVariableAndHaveAsManySegments() {
        RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
        options.setPatternParser(PathPatternParser.defaultInstance);
        Shape[] user = PathShapeHandlerMapping.shapes(
                RequestMappingInfo.paths("/v1/users/{userId}", "/v1/organizations/{orgId}/users/{userId}")
                        .options(options)
                        .build());

        assertThat(user).containsExactlyInAnyOrder(new Shape("/v1/users/", 3), new Shape("/v1/organizations/", 5));
        assertThat(mayMatch(user, "/v1/users/42")).isTrue();
        assertThat(mayMatch(user, "/v1/organizations/7/users/42")).isTrue();
        assertThat(mayMatch(user, "/v1/groups/42")).isFalse();
        assertThat(mayMatch(user, "/v1/users/42/roles")).isFalse();
        assertThat(mayMatch(user, "/v1/users/42/")).isFalse();
        // a multi-segment wildcard matches any depth, and no segment at all
        assertThat(Shape.of("/docs/**")).isEqualTo(new Shape("/docs", -1));
        assertThat(Shape.of("/files/{*path}")).isEqualTo(new Shape("/files", -1));
        // a slash in a variable's regular expression separates nothing
        assertThat(Shape.of("/v1/things/{id:[^/]+}")).isEqualTo(new Shape("/v1/things/", 3));
        assertThat(Shape.of("/files/te?t")).isEqualTo(new Shape("/files/te", 2));
        assertThat(Shape.of("/v1/permissions")).isEqualTo(new Shape("/v1/permissions", 2));
        assertThat(PathShapeHandlerMapping.shapes(
                        RequestMappingInfo.paths().options(options).build()))
                .allSatisfy(
                        shape -> assertThat(shape.fits("/anything/at/all", 3)).isTrue());
    }

    private static boolean mayMatch(Shape[] shapes, String path) {
        return PathShapeHandlerMapping.mayMatch(shapes, path, PathShapeHandlerMapping.slashes(path));
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
        var deeper = api.get("/v1/users/" + id + "/roles", tenant.adminKey());

        // then the first two find the user (a pattern compares the decoded path), the third is 405 and the last 404
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.field("email")).isEqualTo(email);
        assertThat(escaped.status()).as(escaped.text()).isEqualTo(200);
        assertThat(escaped.field("email")).isEqualTo(email);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.field("code")).isEqualTo("method_not_allowed");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(deeper.status()).as(deeper.text()).isEqualTo(200);
    }
}
