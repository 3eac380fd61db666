package dev.roster.shared.operations;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code ROSTER_LOG_FORMAT=json} writes one JSON object a line to the console (Boot's structured logging in the
 * Elastic Common Schema, with the request id from the log context); {@code text}, the default, keeps Boot's lines.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String PROPERTY = "roster.log-format";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "text").strip();
        if (format.equalsIgnoreCase("json")) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "rosterLogFormat", Map.of("logging.structured.format.console", "ecs")));
        } else if (!format.equalsIgnoreCase("text")) {
            throw new IllegalStateException("ROSTER_LOG_FORMAT must be text or json, not " + format);
        }
    }
}
