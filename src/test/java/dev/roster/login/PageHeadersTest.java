package dev.roster.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.ApiTestBase;
import dev.roster.support.Pages;
import dev.roster.support.RosterTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The hosted pages allow nothing inline and never render in a frame; only Swagger UI needs more. */
@RosterTest
class PageHeadersTest extends ApiTestBase {

    @LocalServerPort
    int port;

    @Test
    void everyPageForbidsInlineCodeAndFrames() {
        Pages pages = new Pages(port, "2001:db8:c5e::1");
        for (String path : new String[] {"/login", "/login/forgot", "/login/reset", "/invitations/accept"}) {
            HttpResponse<String> page = pages.get(path, null);
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");

            assertThat(policy).as(path).contains("frame-ancestors 'none'", "default-src 'none'");
            assertThat(policy).as(path).doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(page.headers().allValues("Content-Security-Policy"))
                    .as(path)
                    .hasSize(1);
        }
        assertThat(pages.get("/login", null).body()).doesNotContain("<script", "style=");
    }
}
