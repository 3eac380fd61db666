package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.auth.PagePolicy;
import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's pages load only Roster's own script and style files, under a policy that allows nothing inline; the
 * WebJars are served versioned, cached for a year, gzipped where they ship a .gz, and no other WebJar is exposed.
 */
@RosterTest
class ConsoleAssetsTest extends ConsoleTestBase {

    private static final Pattern HTMX = Pattern.compile("<script src=\"(/webjars/htmx\\.org/[^\"]+\\.js)\" defer>");
    private static final Pattern PICO = Pattern.compile("href=\"(/webjars/picocss__pico/[^\"]+\\.css)\"");

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void consolePagesAllowOnlyRostersOwnScriptAndNothingInline() {
        // given a signed-in admin
        Member admin = browsers.signedIn(fixtures.tenant("starter").adminKey(), "admin");

        // when it opens the members page
        HttpResponse<String> page = admin.browser().get("/console/members");

        // then the policy allows scripts only from Roster, nothing inline, no frames; the page has no inline code
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly(PagePolicy.CONSOLE);
        assertThat(PagePolicy.CONSOLE)
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.body()).doesNotContain("<script>", "style=", " on" + "click=");
        assertThat(page.body()).contains("\"allowEval\":false", "\"includeIndicatorStyles\":false");
        assertThat(page.body()).containsPattern(HTMX).containsPattern(PICO);
    }

    @Test
    void theWebJarsAreServedVersionedCachedAndGzippedAndNoOtherWebJarIs() throws Exception {
        // given the URLs a console page names
        Member admin = browsers.signedIn(fixtures.tenant("starter").adminKey(), "admin");
        String body = admin.browser().get("/console/members").body();
        String htmx = find(HTMX, body);
        String pico = find(PICO, body);

        // when a browser without a session loads them, htmx with gzip accepted
        HttpResponse<byte[]> script = fetch(htmx, "gzip");
        HttpResponse<byte[]> style = fetch(pico, null);
        HttpResponse<byte[]> otherWebJar = fetch("/webjars/swagger-ui/5.32.14/swagger-ui.css", null);
        HttpResponse<String> lockedPage = new Pages(port, "2001:db8:a55::1").get("/console/members");

        // then both load, for a year, htmx compressed, and a WebJar the console does not use is not there
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(script.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000", "immutable");
        assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(otherWebJar.statusCode()).isEqualTo(404);
        assertThat(lockedPage.statusCode()).isEqualTo(303);
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as(pattern.pattern()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<byte[]> fetch(String path, String encoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (encoding != null) {
            request.header("Accept-Encoding", encoding);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
