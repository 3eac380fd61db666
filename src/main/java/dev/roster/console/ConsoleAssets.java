package dev.roster.console;

import java.util.Objects;
import org.springframework.stereotype.Component;
import org.webjars.WebJarVersionLocator;

/**
 * The console's script (htmx) and stylesheet (Pico CSS), served from their WebJars under {@code /webjars/}. Their
 * URLs carry the WebJar's version, so a browser may keep them for a year and still gets a new file after an upgrade.
 * Every console page has them as {@code ${assets.htmx}} and {@code ${assets.pico}}.
 */
@Component
class ConsoleAssets {

    /** The WebJars the console serves; no other WebJar on the class path is exposed. */
    static final String HTMX = "htmx.org";

    static final String PICO = "picocss__pico";

    private final String htmxVersion;
    private final String picoVersion;

    ConsoleAssets() {
        WebJarVersionLocator versions = new WebJarVersionLocator();
        this.htmxVersion = Objects.requireNonNull(versions.version(HTMX), "the htmx.org WebJar is missing");
        this.picoVersion = Objects.requireNonNull(versions.version(PICO), "the Pico CSS WebJar is missing");
    }

    /** The minified htmx, answered gzipped to browsers that accept it. */
    public String getHtmx() {
        return "/webjars/" + HTMX + "/" + htmxVersion + "/dist/htmx.min.js";
    }

    /** Pico's minified stylesheet, with its light and dark themes chosen by the system setting. */
    public String getPico() {
        return "/webjars/" + PICO + "/" + picoVersion + "/css/pico.min.css";
    }
}
