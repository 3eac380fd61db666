package dev.roster.shared.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** ROSTER_LOG_FORMAT chooses Boot's structured JSON lines or its usual text. */
class LogFormatTest {

    @Test
    void jsonTurnsOnStructuredConsoleLogging() {
        // given an environment that asks for JSON logs
        MockEnvironment environment = new MockEnvironment().withProperty("roster.log-format", "json");

        // when Roster prepares its environment
        new LogFormat().postProcessEnvironment(environment, new SpringApplication());

        // then the console writes Elastic Common Schema JSON lines
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void textKeepsTheUsualLinesAndAnythingElseIsRefused() {
        // given the default and an unknown format
        MockEnvironment text = new MockEnvironment();
        MockEnvironment unknown = new MockEnvironment().withProperty("roster.log-format", "yaml");

        // when they are prepared
        new LogFormat().postProcessEnvironment(text, new SpringApplication());

        // then text changes nothing, and an unknown format stops the start with a clear message
        assertThat(text.getProperty("logging.structured.format.console")).isNull();
        assertThatThrownBy(() -> new LogFormat().postProcessEnvironment(unknown, new SpringApplication()))
                .hasMessageContaining("ROSTER_LOG_FORMAT");
    }
}
