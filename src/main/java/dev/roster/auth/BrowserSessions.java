package dev.roster.auth;

import dev.roster.shared.ClientAddress;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.RosterProperties;
import dev.roster.shared.UserId;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Server-side browser sessions for Roster's pages and its OpenID Connect provider. The cookie ({@code
 * __Host-roster_session} when the public URL is https, else {@code roster_session}; HttpOnly, SameSite=Lax) holds
 * 256 random bits and the database their HMAC, so any node serves any request and a stolen database opens no
 * session. A session ends after {@link SessionProperties#idleTimeout()} unused, at {@link
 * SessionProperties#absoluteTimeout()}, at sign-out, and whenever the user's refresh tokens die (a password
 * change, deactivation, an admin's sign-out). An operator's session (the console's, see {@link OperatorSessions})
 * stands for a platform or partner key instead of a user; only the operator's pages see it, and it also ends when
 * the key is revoked.
 */
@Service
public class BrowserSessions {

    /** The request attribute that caches the request's session, looked up at most once a request. */
    private static final String ATTRIBUTE = BrowserSessions.class.getName();

    /** The same for the request's operator session (the key it stands for). */
    private static final String KEY_ATTRIBUTE = ATTRIBUTE + ".key";

    private static final String PREFIX = "roster_session_";
    /** Paths a sign-in may continue to: Roster's own, never another host or a scheme-relative URL. */
    private static final Pattern SAFE_CONTINUE = Pattern.compile("/(?![/\\\\])[\\x21-\\x7E]{0,2000}");

    private final JdbcBrowserSessionRepository sessions;
    private final Secrets secrets;
    private final ClientAddress addresses;
    private final SessionProperties settings;
    private final boolean secure;
    private final String cookieName;

    BrowserSessions(
            JdbcBrowserSessionRepository sessions,
            Secrets secrets,
            ClientAddress addresses,
            SessionProperties settings,
            RosterProperties properties) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.addresses = addresses;
        this.settings = settings;
        this.secure = properties.publicUrl().startsWith("https://");
        this.cookieName = (secure ? "__Host-" : "") + "roster_session";
    }

    /**
     * Starts a session for a user who has just proven who they are, and sets its cookie. A session the browser
     * already had ends, so that the session after a sign-in never has the id of one from before it.
     *
     * @param method how the user signed in: password, mfa or sso
     */
    @Transactional
    public BrowserSession start(
            UserId user,
            OrganizationId organization,
            String method,
            HttpServletRequest request,
            HttpServletResponse response) {
        cookie(request).ifPresent(token -> sessions.endByHash(secrets.hash(token)));
        sessions.purgeOldOf(user, Duration.ofDays(30));
        String token = secrets.newToken(PREFIX);
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        BrowserSession session = sessions.insert(
                Ids.next(),
                secrets.hash(token),
                user,
                organization,
                method,
                Instant.now().plus(settings.absoluteTimeout()),
                agent == null ? null : agent.substring(0, Math.min(agent.length(), 300)),
                addresses.of(request));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(token, settings.absoluteTimeout()));
        request.setAttribute(ATTRIBUTE, Optional.of(session.asCurrent()));
        return session.asCurrent();
    }

    /** Starts the session a page sign-in ended with. */
    public BrowserSession start(SignInResult signedIn, HttpServletRequest request, HttpServletResponse response) {
        SignInResult.SignedIn proven = signedIn.signedIn();
        if (proven == null) {
            throw new IllegalArgumentException("the sign-in has not ended yet");
        }
        return start(proven.user(), proven.organization(), proven.method(), request, response);
    }

    /** The request's live session, if its browser has one; looked up once a request. */
    @SuppressWarnings("unchecked")
    public Optional<BrowserSession> current(HttpServletRequest request) {
        Object cached = request.getAttribute(ATTRIBUTE);
        if (cached instanceof Optional<?> known) {
            return (Optional<BrowserSession>) known;
        }
        Optional<BrowserSession> found = cookie(request)
                .flatMap(token -> sessions.touch(secrets.hash(token), settings.idleTimeout()))
                .map(BrowserSession::asCurrent);
        request.setAttribute(ATTRIBUTE, found);
        return found;
    }

    /**
     * Starts an operator's session for a platform or partner key whose secret was just checked, and sets the cookie.
     * Only the key's id is kept; as with {@link #start}, a session the browser already had ends.
     */
    @Transactional
    void startForKey(UUID keyId, HttpServletRequest request, HttpServletResponse response) {
        cookie(request).ifPresent(token -> sessions.endByHash(secrets.hash(token)));
        sessions.purgeOldOfKey(keyId, Duration.ofDays(30));
        String token = secrets.newToken(PREFIX);
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        sessions.insertForKey(
                Ids.next(),
                secrets.hash(token),
                keyId,
                Instant.now().plus(settings.absoluteTimeout()),
                agent == null ? null : agent.substring(0, Math.min(agent.length(), 300)),
                addresses.of(request));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(token, settings.absoluteTimeout()));
        request.setAttribute(KEY_ATTRIBUTE, Optional.of(keyId));
        request.setAttribute(ATTRIBUTE, Optional.empty());
    }

    /** The key the request's live operator session stands for, if its browser has one; looked up once a request. */
    @SuppressWarnings("unchecked")
    Optional<UUID> currentKey(HttpServletRequest request) {
        Object cached = request.getAttribute(KEY_ATTRIBUTE);
        if (cached instanceof Optional<?> known) {
            return (Optional<UUID>) known;
        }
        Optional<UUID> found =
                cookie(request).flatMap(token -> sessions.touchKeySession(secrets.hash(token), settings.idleTimeout()));
        request.setAttribute(KEY_ATTRIBUTE, found);
        return found;
    }

    /** Every operator session of the key ends: it was revoked. */
    int endAllOfKey(UUID keyId) {
        return sessions.endAllOfKey(keyId);
    }

    /** Ends the request's session, if any, and clears its cookie. */
    @Transactional
    public void end(HttpServletRequest request, HttpServletResponse response) {
        cookie(request).ifPresent(token -> sessions.endByHash(secrets.hash(token)));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO));
        request.setAttribute(ATTRIBUTE, Optional.empty());
        request.setAttribute(KEY_ATTRIBUTE, Optional.empty());
    }

    /** The user's live sessions, newest first, the caller's own marked {@code current}. */
    @Transactional(readOnly = true)
    public List<BrowserSession> liveOf(UserId user, UUID currentId) {
        return sessions.liveOf(user, settings.idleTimeout()).stream()
                .map(session -> session.id().equals(currentId) ? session.asCurrent() : session)
                .toList();
    }

    /** Ends one of the user's sessions; false when the user has no such live session. */
    @Transactional
    public boolean end(UserId user, UUID id) {
        return sessions.end(user, id);
    }

    /**
     * A safe place to send the browser after a sign-in: the given path when it is Roster's own (it starts with one
     * slash and stays on this host), else {@code /login}, which shows who is signed in.
     */
    public static String continueTarget(String continueUrl) {
        return continueUrl != null && SAFE_CONTINUE.matcher(continueUrl).matches() ? continueUrl : "/login";
    }

    /** Every session of the user ends, for the same events that end its refresh tokens. */
    int endAllOf(UserId user) {
        return sessions.endAllOf(user, null);
    }

    void endAllIn(OrganizationId organization) {
        sessions.endAllIn(organization);
    }

    private Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            String value = cookie.getValue();
            if (cookie.getName().equals(cookieName)
                    && value != null
                    && value.startsWith(PREFIX)
                    && value.length() < 100) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private String cookie(String value, Duration maxAge) {
        return ResponseCookie.from(cookieName, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build()
                .toString();
    }
}
