package dev.roster.auth;

import dev.roster.shared.Caller;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Users")
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @PostMapping({"/v1/users/{userId}/sign-out", "/v1/organizations/{orgId}/users/{userId}/sign-out"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Sign a user out everywhere (users:write): every refresh token and browser session of the user"
                    + " ends")
    void signOut(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        sessions.signOut(caller, orgId, userId);
    }

    @GetMapping("/v1/users/me/sessions")
    @Operation(summary = "The signed-in user's browser sessions (a user's access token)")
    Map<String, List<BrowserSession>> ownSessions(@AuthenticationPrincipal Caller caller) {
        return Map.of("data", sessions.ownSessions(caller));
    }

    @DeleteMapping("/v1/users/me/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End one of the signed-in user's browser sessions")
    void endOwnSession(@AuthenticationPrincipal Caller caller, @PathVariable UUID sessionId) {
        sessions.endOwnSession(caller, sessionId);
    }

    @GetMapping({"/v1/users/{userId}/sessions", "/v1/organizations/{orgId}/users/{userId}/sessions"})
    @Operation(summary = "A user's live browser sessions (users:read)")
    Map<String, List<BrowserSession>> sessionsOf(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId) {
        return Map.of("data", sessions.sessionsOf(caller, orgId, userId));
    }

    @DeleteMapping({
        "/v1/users/{userId}/sessions/{sessionId}",
        "/v1/organizations/{orgId}/users/{userId}/sessions/{sessionId}"
    })
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End one browser session of a user (users:write)")
    void endSession(
            @AuthenticationPrincipal Caller caller,
            @PathVariable(required = false) OrganizationId orgId,
            @PathVariable UserId userId,
            @PathVariable UUID sessionId) {
        sessions.endSession(caller, orgId, userId, sessionId);
    }
}
