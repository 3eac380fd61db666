package dev.roster.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.console.ConsoleBrowsers.Member;
import dev.roster.imports.EmailLock;
import dev.roster.support.Fixtures;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.MailServer;
import dev.roster.support.RosterTest;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Importing a CSV file from the console: the dry run first, then the start of that same file with the same options,
 * the import's page and the list of imports, each through the import service with the signed-in member's
 * permissions; the file's problems, a file too large and a start of another file than the one checked are refused
 * on the page.
 */
@RosterTest
class ConsoleImportsTest extends ConsoleTestBase {

    static final Map<String, String> OPTIONS =
            Map.of("sendInvitation", "true", "invitationType", "link", "expiresInDays", "7", "defaultRole", "user");

    @Autowired
    DataSource database;

    private Tenant tenant;
    private Member admin;
    private ConsoleImports imports;

    @BeforeEach
    void signIn() {
        tenant = fixtures.tenant("enterprise");
        admin = browsers.signedIn(tenant.adminKey(), "admin");
        imports = new ConsoleImports(api, admin.browser());
    }

    @Test
    void aFileIsCheckedFirstThenImportedAndItsPageFollowsItToTheEnd() {
        // given a member already in the organization and a file of two newcomers, that member and two bad rows
        String member = Fixtures.uniqueEmail("here");
        fixtures.user(tenant.adminKey(), member);
        String boss = Fixtures.uniqueEmail("boss");
        String report = Fixtures.uniqueEmail("report");
        byte[] csv = ConsoleImports.csv(
                "email,firstName,lastName,managerEmail",
                boss + ",Grace,Hopper,",
                report + ",Ada,Lovelace," + boss,
                member + ",Already,Here,",
                "<img src=x onerror=alert(1)>,Bad,Address,");

        // when the admin opens the form and checks the file
        HttpResponse<String> form = admin.browser().get("/console/imports/new");
        HttpResponse<String> checked = imports.check(OPTIONS, csv);

        // then the dry run counts each outcome, names the rows that would not be created (escaped), offers Start,
        // and created nobody
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("enctype=\"multipart/form-data\"", "name=\"_csrf\"", "Check the file");
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(checked.body())
                .containsPattern("Rows in the file</dt><dd>4</dd>")
                .containsPattern("Would be invited</dt>\\s*<dd>2</dd>")
                .containsPattern("Already members</dt><dd>1</dd>")
                .containsPattern("Would fail</dt><dd>1</dd>")
                .contains("Already a member", "&lt;img src=x onerror=alert(1)&gt;", "validation_failed")
                .doesNotContain("<img src=x")
                .contains("Start the import");
        assertThat(api.get("/v1/users?email=" + boss, tenant.adminKey()).json().path("data"))
                .isEmpty();

        // when it starts the import of the same file with the same options
        String job = imports.start(OPTIONS, csv, ConsoleImports.digest(checked.body()));

        // then the import's page follows it to its end: counts, rows, and the failed ones alone on asking
        imports.awaitEnd(tenant.adminKey(), job);
        HttpResponse<String> page = admin.browser().get(job + "?done=started");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("The import started")
                .contains("The import is complete: 2 invited, 0 created without an invitation, 1 already members,"
                        + " 1 failed.")
                .contains(boss, report, "&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x", "hx-trigger", "Cancel the import");
        HttpResponse<String> failed = admin.browser().get(job + "?outcome=failed");
        assertThat(failed.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(boss, report);
        assertThat(MailServer.await(boss, 1)).hasSize(1);
        assertThat(api.get("/v1/users?email=" + report, tenant.adminKey())
                        .json()
                        .path("data")
                        .get(0)
                        .path("manager")
                        .path("email")
                        .asString())
                .isEqualTo(boss);

        // and the list of imports links to it
        HttpResponse<String> list = admin.browser().get("/console/imports");
        assertThat(list.body()).contains("href=\"" + job + "\"", "completed");
    }

    @Test
    void whileAnImportRunsItsPageAsksAgainEveryTwoSecondsAndCancelLeavesTheRest() throws Exception {
        // given an import of 30 people whose first row is held in the middle of its transaction
        String first = Fixtures.uniqueEmail("held");
        String[] rows = new String[30];
        rows[0] = first;
        for (int i = 1; i < rows.length; i++) {
            rows[i] = Fixtures.uniqueEmail("rest" + i);
        }
        byte[] csv = ConsoleImports.csv("email", rows);
        Map<String, String> quiet = ConsoleImports.with(OPTIONS, "sendInvitation", "false");
        String digest = ConsoleImports.digest(imports.check(quiet, csv).body());
        String job;
        CompletableFuture<HttpResponse<String>> cancel;
        try (EmailLock lock = new EmailLock(database, first)) {
            job = imports.start(quiet, csv, digest);
            lock.awaitWaiting(1);

            // when the admin opens its page, htmx polls it, and the admin asks to cancel and cancels
            HttpResponse<String> running = admin.browser().get(job);
            HttpResponse<String> polled = admin.browser().getWith(job + "?shown=running", ConsoleImports.HTMX);
            HttpResponse<String> question = admin.browser().get(job + "/cancel");
            cancel = CompletableFuture.supplyAsync(() -> admin.browser().post(job + "/cancel", Map.of()));

            // then the page says it runs, asks again every two seconds, offers Refresh and Cancel, and the poll
            // announces nothing new; the cancel waits for the row being processed
            assertThat(running.body())
                    .contains(
                            "The import is running.", "hx-trigger=\"every 2s\"", "hx-get=\"" + job + "?shown=running\"")
                    .contains("id=\"refresh\" href=\"" + job + "\"", "Cancel the import");
            assertThat(polled.body()).contains("hx-trigger=\"every 2s\"").doesNotContain("hx-swap-oob");
            assertThat(question.body()).contains("Cancel this import?", "action=\"" + job + "/cancel\"");
            lock.awaitWaiting(2);
        }

        // then the cancel is done once that row is, and the rest were not processed
        HttpResponse<String> cancelled = cancel.get(30, TimeUnit.SECONDS);
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(303);
        HttpResponse<String> page = admin.browser().get(job + "?done=cancelled&outcome=not_processed");
        assertThat(page.body())
                .contains("The import was cancelled.", "The import was cancelled: rows not processed yet stay so.")
                .containsPattern("Not processed</dt><dd>29</dd>")
                .contains(rows[29])
                .doesNotContain(first, "hx-trigger", "Cancel the import");
        HttpResponse<String> again = admin.browser().post(job + "/cancel", Map.of());
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("import_finished");
    }

    @Test
    void withHtmxTheDryRunAndTheStartAnswerInsideThePage() {
        // given a file of one newcomer
        String newcomer = Fixtures.uniqueEmail("htmx");
        byte[] csv = ConsoleImports.csv("email", newcomer);
        admin.browser().get("/console/imports/new");

        // when htmx sends the dry run, a refused one, and the start
        HttpResponse<String> checked = imports.check(ConsoleImports.HTMX, OPTIONS, csv);
        HttpResponse<String> refused =
                imports.check(ConsoleImports.HTMX, ConsoleImports.with(OPTIONS, "defaultRole", "nobody"), csv);
        HttpResponse<String> started =
                imports.startAnswer(ConsoleImports.HTMX, OPTIONS, csv, ConsoleImports.digest(checked.body()));

        // then each answer is the part of the page htmx swaps (a refusal too, as 200), with the status region's
        // text beside it; the start answers with where to go
        assertThat(checked.statusCode()).isEqualTo(200);
        assertThat(checked.body())
                .doesNotContain("<html", "<form")
                .contains("id=\"check-result\"", "hx-swap-oob=\"innerHTML\"", "Checked: 1 of 1 rows would be invited.");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("The file was not checked", "defaultRole", "names no role");
        assertThat(started.statusCode()).isEqualTo(200);
        String job = started.headers().firstValue("HX-Redirect").orElseThrow();
        assertThat(job).matches("/console/imports/[0-9a-f-]{36}\\?done=started");

        // when htmx polls the import's page after it ended, once as if it last showed it running
        String page = job.substring(0, job.indexOf('?'));
        imports.awaitEnd(tenant.adminKey(), page);
        HttpResponse<String> changed = admin.browser().getWith(page + "?shown=running", ConsoleImports.HTMX);
        HttpResponse<String> same = admin.browser().getWith(page + "?shown=completed", ConsoleImports.HTMX);

        // then it gets the progress without asking again, and the state for the status region and the rows' outcomes
        // only when it changed
        assertThat(changed.body())
                .doesNotContain("<html", "hx-trigger")
                .contains("id=\"import-status\"", "id=\"import-state\" hx-swap-oob", "The import is complete")
                .contains("id=\"import-rows\" hx-swap-oob=\"true\"", newcomer);
        assertThat(same.body()).contains("id=\"import-status\"").doesNotContain("hx-swap-oob");
        assertThat(changed.headers().firstValue("Vary").orElse("")).contains("HX-Request");
    }

    @Test
    void onlyTheFileAndOptionsTheDryRunCheckedAreImported() {
        // given a file checked with invitations
        byte[] checkedFile = ConsoleImports.csv("email", Fixtures.uniqueEmail("checked"));
        byte[] otherFile = ConsoleImports.csv("email", Fixtures.uniqueEmail("other"));
        String digest =
                ConsoleImports.digest(imports.check(OPTIONS, checkedFile).body());

        // when another file, other options, or no digest at all are sent to start
        HttpResponse<String> other = imports.startAnswer(Map.of(), OPTIONS, otherFile, digest);
        HttpResponse<String> options = imports.startAnswer(
                Map.of(), ConsoleImports.with(OPTIONS, "sendInvitation", "false"), checkedFile, digest);
        HttpResponse<String> none = imports.startAnswer(Map.of(), OPTIONS, checkedFile, "");

        // then each is refused on the form, and no import was started
        for (HttpResponse<String> refused : new HttpResponse[] {other, options, none}) {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("import_not_checked", "check the file again");
        }
        assertThat(api.get("/v1/imports", tenant.adminKey()).json().path("data"))
                .isEmpty();
    }

    @Test
    void theFilesProblemsAreShownOnTheFormAndAFileOverFourMebibytesGetsAPageOfItsOwn() {
        admin.browser().get("/console/imports/new");
        int limit = 4 * 1024 * 1024;

        // when no file, a malformed file, a file of exactly 4 MiB, one byte more, and a body far beyond are sent
        HttpResponse<String> none = imports.check(Map.of(), OPTIONS, "", new byte[0]);
        HttpResponse<String> malformed = imports.check(OPTIONS, ConsoleImports.csv("email", "a\"b@example.com"));
        HttpResponse<String> exactly = imports.check(OPTIONS, ConsoleImports.ofSize(limit));
        HttpResponse<String> over = imports.check(OPTIONS, ConsoleImports.ofSize(limit + 1));
        HttpResponse<String> far = imports.check(OPTIONS, ConsoleImports.ofSize(5 * limit / 4));

        // then each problem is the service's, on the form with its status; 4 MiB is read (its one row fails its
        // long name), a byte more is 413 on the form, and a body beyond what the form takes is 413 as a page
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("choose a CSV file", "id=\"file\"");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed_csv", "id=\"file\"");
        assertThat(exactly.statusCode()).as(exactly.body()).isEqualTo(200);
        assertThat(exactly.body()).containsPattern("Would fail</dt><dd>1</dd>");
        assertThat(over.statusCode()).isEqualTo(413);
        assertThat(over.body()).contains("larger than 4 MiB", "id=\"file\"");
        assertThat(far.statusCode()).isEqualTo(413);
        assertThat(far.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(far.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'");
        assertThat(far.body()).contains("<h1>413 Content Too Large</h1>", "larger than 4 MiB");
        assertThat(api.get("/v1/imports", tenant.adminKey()).json().path("data"))
                .isEmpty();
    }

    @Test
    void aChunkedBodyIsReadNoFurtherThanTheFormTakes() {
        // given a file three times what an import takes, sent chunked: without the Content-Length by which the body
        // size filter and the form's 413 page refuse a large body before reading it
        admin.browser().get("/console/imports/new");
        byte[] far = ConsoleImports.ofSize(3 * 4 * 1024 * 1024);

        // when it is sent to the dry run
        Optional<HttpResponse<String>> answer;
        try {
            answer = Optional.of(
                    admin.browser().postFileChunked("/console/imports/check", OPTIONS, "file", "people.csv", far));
        } catch (UncheckedIOException closed) {
            answer = Optional.empty();
        }

        // then the server stops reading at the form's largest body (and closes the connection, or answers before
        // the form), so the form never gets the file: it would refuse it as too large only after reading all of it
        answer.ifPresent(refused -> {
            assertThat(refused.statusCode()).isIn(403, 413);
            assertThat(refused.body()).doesNotContain("id=\"file\"");
        });
        assertThat(admin.browser().get("/console/imports/new").statusCode()).isEqualTo(200);
    }

    @Test
    void aMemberWhoMayNotInviteHasNoImportsAndItsForgedUploadsImportNoOne() {
        // given a member who may read and write users but not invite them
        String role = fixtures.role(tenant.organizationId(), "users:read", "users:write");
        Member writer = browsers.signedIn(
                tenant.adminKey(),
                api.get("/v1/roles/" + role, tenant.adminKey()).field("name"));
        ConsoleImports forged = new ConsoleImports(api, writer.browser());
        byte[] csv = ConsoleImports.csv("email", Fixtures.uniqueEmail("forged"));
        String digest = ConsoleImports.digest(imports.check(OPTIONS, csv).body());

        // when it looks for the imports and sends the dry run and the start anyway
        HttpResponse<String> start = writer.browser().get("/console/members/" + writer.id());
        HttpResponse<String> list = writer.browser().get("/console/imports");
        HttpResponse<String> form = writer.browser().get("/console/imports/new");
        HttpResponse<String> check = forged.check(OPTIONS, csv);
        HttpResponse<String> started = forged.startAnswer(Map.of(), OPTIONS, csv, digest);

        // then there is no link, every page and form is refused as the API refuses it, and nothing was imported
        assertThat(start.body()).doesNotContain("/console/imports");
        for (HttpResponse<String> refused : new HttpResponse[] {list, form, check, started}) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("permission_required");
        }
        assertThat(api.get("/v1/imports", tenant.adminKey()).json().path("data"))
                .isEmpty();
    }

    @Test
    void aFormWithoutItsTokenIsRefusedAndAnotherOrganizationsImportIsNotFound() {
        // given an import of this organization
        byte[] csv = ConsoleImports.csv("email", Fixtures.uniqueEmail("own"));
        String digest = ConsoleImports.digest(imports.check(OPTIONS, csv).body());
        String job = imports.start(OPTIONS, csv, digest);

        // when another site's page sends the start without the form's token, and another organization's admin
        // opens the import and cancels it
        HttpResponse<String> tokenless =
                imports.startAnswer(Map.of(), ConsoleImports.with(OPTIONS, "_csrf", "forged"), csv, digest);
        Member stranger = browsers.signedIn(fixtures.tenant("enterprise").adminKey(), "admin");
        HttpResponse<String> seen = stranger.browser().get(job);
        HttpResponse<String> cancelled = stranger.browser().post(job + "/cancel", Map.of());

        // then the form is refused and started nothing more, and the import is 404 to the stranger
        assertThat(tokenless.statusCode()).isEqualTo(403);
        assertThat(tokenless.body()).contains("This form has expired");
        assertThat(api.get("/v1/imports", tenant.adminKey()).json().path("data"))
                .hasSize(1);
        assertThat(seen.statusCode()).isEqualTo(404);
        assertThat(cancelled.statusCode()).isEqualTo(404);
    }
}
