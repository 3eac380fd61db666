package dev.roster.console;

/** A console request without a live browser session; the browser is sent to sign in and come back. */
class SignInRequired extends RuntimeException {

    private final String continuePath;

    SignInRequired(String continuePath) {
        super("sign-in required", null, false, false);
        this.continuePath = continuePath;
    }

    String continuePath() {
        return continuePath;
    }
}
