package dev.roster.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which error dialect answers for a path. */
class ErrorDialectsTest {

    private record Named(String name, List<String> paths) implements ErrorDialect {

        @Override
        public Object body(Failure failure) {
            return name;
        }
    }

    private static final Named WIDE = new Named("wide", List.of("/api/**"));
    private static final Named NARROW = new Named("narrow", List.of("/api/app/**"));
    private static final Named EXACT = new Named("exact", List.of("/v1/users/invite"));

    @Test
    void theMostSpecificPatternWinsWhateverTheOrderOfTheDialects() {
        ErrorDialects dialects = new ErrorDialects(List.of(WIDE, NARROW, EXACT));
        ErrorDialects reversed = new ErrorDialects(List.of(EXACT, NARROW, WIDE));

        for (ErrorDialects each : List.of(dialects, reversed)) {
            assertThat(each.forPath("/api/app/users")).contains(NARROW);
            assertThat(each.forPath("/api/organizations/1/users")).contains(WIDE);
            assertThat(each.forPath("/v1/users/invite")).contains(EXACT);
        }
    }

    @Test
    void pathsNoDialectClaimsAreRostersOwn() {
        ErrorDialects dialects = new ErrorDialects(List.of(WIDE, EXACT));

        assertThat(dialects.forPath("/v1/users")).isEmpty();
        assertThat(dialects.forPath("/v1/users/invite/more")).isEmpty();
        assertThat(dialects.forPath("/apifoo")).isEmpty();
        assertThat(dialects.forPath(null)).isEmpty();
    }

    @Test
    void twoDialectsMayNotClaimOnePattern() {
        assertThatThrownBy(() -> new ErrorDialects(List.of(WIDE, new Named("again", List.of("/api/**")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/api/**");
    }
}
