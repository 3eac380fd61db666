package dev.roster.auth;

/**
 * The content security policy of Roster's pages: nothing inline, no script at all, never in a frame, and forms that
 * post only to Roster. An organization's logo may come from any https address.
 */
public final class PagePolicy {

    public static final String DEFAULT = policy("'self'");

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
