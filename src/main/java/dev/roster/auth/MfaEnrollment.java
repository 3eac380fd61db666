package dev.roster.auth;

/**
 * An authenticator to add: the secret as text and as the {@code otpauth://} URI an app scans, drawn as a QR code.
 * It takes effect once a code from it is confirmed.
 *
 * @param qrCodeSvg the URI as an SVG QR code, drawn on the server
 */
public record MfaEnrollment(String secret, String otpauthUri, String qrCodeSvg) {}
