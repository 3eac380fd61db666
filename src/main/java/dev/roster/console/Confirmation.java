package dev.roster.console;

/**
 * A question the console asks before an action that cannot be undone: as a page of its own without JavaScript, or
 * in a dialog over the page that offered the action.
 *
 * @param title the page's heading, such as "Revoke the key CI?"
 * @param detail what the action does, in a sentence
 * @param action where the form posts
 * @param button the button's label, such as "Revoke"
 * @param back the page to return to without acting
 */
record Confirmation(String title, String detail, String action, String button, String back) {}
