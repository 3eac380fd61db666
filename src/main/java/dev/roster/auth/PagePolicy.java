package dev.roster.auth;

/**
 * The content security policy of Roster's pages: nothing inline, no script at all, never in a frame, and forms that
 * post only to Roster. An organization's logo may come from any https address. The console's pages ({@link
 * #CONSOLE}) also run Roster's own script files, and that script may call back only to Roster.
 */
public final class PagePolicy {

    public static final String DEFAULT = policy("'self'");

    /** The console's: scripts and requests only from Roster's own origin, still nothing inline and no eval. */
    public static final String CONSOLE = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private PagePolicy() {}

    /**
     * The policy of a sign-in page whose form ends in a redirect to an application's registered redirect URI:
     * browsers apply {@code form-action} to every redirect after a form is sent, so that origin is allowed too.
     */
    public static String allowingFormsTo(String origin) {
        return policy("'self' " + origin);
    }

    private static String policy(String formAction) {
        return "default-src 'none'; style-src 'self'; img-src 'self' data: https:; form-action " + formAction
                + "; frame-ancestors 'none'; base-uri 'none'";
    }
}
