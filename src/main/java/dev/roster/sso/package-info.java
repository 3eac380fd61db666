/**
 * Enterprise single sign-on: the email domains an organization proves it controls, and (next) signing people in
 * through the organization's own identity provider.
 */
package dev.roster.sso;
