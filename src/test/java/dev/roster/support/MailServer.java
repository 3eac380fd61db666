package dev.roster.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One real SMTP server (GreenMail) on loopback for the whole test JVM; the server under test sends to it. */
public final class MailServer {

    /** 3025 unless {@code -Droster.test.smtp-port} says otherwise, so that two builds can run side by side. */
    public static final int PORT = Integer.getInteger("roster.test.smtp-port", 3025);

    private static final GreenMail SERVER = new GreenMail(new ServerSetup(PORT, "127.0.0.1", "smtp"));

    static {
        SERVER.start();
    }

    private MailServer() {}

    /** Loads this class, which starts the server once per JVM. */
    public static void ensureStarted() {
        if (!SERVER.isRunning()) {
            SERVER.start();
        }
    }

    /** Stops accepting mail, as a mail server that is down. */
    public static void stop() {
        SERVER.stop();
    }

    public static void start() {
        SERVER.start();
    }

    /** Every message received so far for this recipient. */
    public static List<MimeMessage> messagesFor(String recipient) {
        return Arrays.stream(SERVER.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                                .anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    /** Waits until {@code count} messages have arrived for the recipient, and returns them. */
    public static List<MimeMessage> await(String recipient, int count) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> messagesFor(recipient).size() >= count);
        return messagesFor(recipient);
    }

    /** The plain-text part of a message. */
    public static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return text;
            }
            var multipart = (jakarta.mail.Multipart) content;
            return findText(multipart);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String findText(jakarta.mail.Multipart multipart) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof jakarta.mail.Multipart nested) {
                String text = findText(nested);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The invitation token in a message's link. */
    public static String token(MimeMessage message) {
        Matcher matcher = Pattern.compile("token=(roster_inv_[A-Za-z0-9_-]+)").matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError("no invitation link in: " + text(message));
        }
        return matcher.group(1);
    }

    /** The first match of a pattern's first group in the message's text. */
    public static String find(MimeMessage message, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError(regex + " not in: " + text(message));
        }
        return matcher.group(1);
    }
}
