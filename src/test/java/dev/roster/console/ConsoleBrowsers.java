package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Fixtures;
import dev.roster.support.Pages;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Browsers without JavaScript for the console tests: each from its own address, signed in as a new member. */
final class ConsoleBrowsers {

    static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final Pattern MEMBER_ROW =
            Pattern.compile("<td><a href=\"/console/members/([0-9a-f-]{36})\">([^<]+)</a>");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");

    private final int port;
    private final Fixtures fixtures;

    ConsoleBrowsers(int port, Fixtures fixtures) {
        this.port = port;
        this.fixtures = fixtures;
    }

    /** A browser that has signed in on the hosted login as a new member with this role. */
    Member signedIn(String adminKey, String role) {
        String email = Fixtures.uniqueEmail("console");
        String id = fixtures.member(adminKey, email, role, PASSWORD);
        Pages browser = anonymous();
        HttpResponse<String> signedIn = browser.post("/login", Map.of("email", email, "password", PASSWORD));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return new Member(browser, id, email);
    }

    Pages anonymous() {
        return new Pages(port, "2001:db8:c0e::" + Integer.toHexString(ADDRESSES.incrementAndGet()));
    }

    /** The emails of the member rows of a members page, in order. */
    static List<String> memberEmails(String page) {
        return MEMBER_ROW.matcher(page).results().map(row -> row.group(2)).toList();
    }

    /** The page's "Next page" link, as the browser follows it. */
    static Optional<String> nextLink(String page) {
        Matcher next = NEXT.matcher(page);
        return next.find() ? Optional.of(next.group(1).replace("&amp;", "&")) : Optional.empty();
    }

    record Member(Pages browser, String id, String email) {}
}
