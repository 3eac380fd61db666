package dev.roster.console;

/** A console request without a live browser session; the browser is sent to sign in and come back. */
class SignInRequired extends RuntimeException {

    private final String signInPage;
    private final String continuePath;

    SignInRequired(String signInPage, String continuePath) {
        super("sign-in required", null, false, false);
        this.signInPage = signInPage;
        this.continuePath = continuePath;
    }

    /** The hosted login for members, the operator's sign-in for the operator's pages. */
    String signInPage() {
        return signInPage;
    }

    String continuePath() {
        return continuePath;
    }
}
