package dev.roster.sso;

import dev.roster.shared.FieldViolation;
import dev.roster.shared.Patch;
import dev.roster.shared.ProblemException;
import dev.roster.shared.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** The rules for an SSO provider's settings: what a create or a merged update must hold before it is saved. */
final class ProviderRules {

    static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");
    private static final Set<String> JIT = Set.of("off", "invited_only", "verified_domains");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:./-]{1,100}");
    private static final int MAX_SCOPES = 20;
    private static final int MAX_GROUP_ROLES = 100;

    private ProviderRules() {}

    /** The request as it is saved: trimmed, defaults filled in, every field checked. */
    static SsoProviderRequest check(SsoProviderRequest request, boolean creating, boolean allowPrivateIssuers) {
        String protocol = protocol(request.protocol());
        return new SsoProviderRequest(
                Text.required("name", request.name(), 200),
                protocol,
                issuer(request.issuer(), allowPrivateIssuers),
                Text.optional("clientId", request.clientId(), 500),
                Text.optional("clientSecret", request.clientSecret(), 2000),
                scopes(request.scopes()),
                groupsClaim(request.groupsClaim()),
                jit(request.jitProvisioning()),
                request.defaultRoleId(),
                groupRoles(request.groupRoles()),
                Boolean.TRUE.equals(request.linkExistingUsers()),
                request.enabled() == null ? creating : request.enabled());
    }

    /** The provider as it would be after the patch: fields the patch leaves out keep their current values. */
    static SsoProviderRequest merge(SsoProvider current, Patch<SsoProviderRequest> patch) {
        patch.requireNonNull("name", "protocol", "issuer", "enabled", "jitProvisioning", "linkExistingUsers");
        SsoProviderRequest v = patch.values();
        return new SsoProviderRequest(
                patch.has("name") ? v.name() : current.name(),
                patch.has("protocol") ? v.protocol() : current.protocol(),
                patch.has("issuer") ? v.issuer() : current.issuer(),
                patch.has("clientId") ? v.clientId() : current.clientId(),
                v.clientSecret(),
                patch.has("scopes") ? v.scopes() : current.scopes(),
                patch.has("groupsClaim") ? v.groupsClaim() : current.groupsClaim(),
                patch.has("jitProvisioning") ? v.jitProvisioning() : current.jitProvisioning(),
                patch.has("defaultRoleId") ? v.defaultRoleId() : current.defaultRoleId(),
                patch.has("groupRoles") ? v.groupRoles() : current.groupRoles(),
                patch.has("linkExistingUsers") ? v.linkExistingUsers() : current.linkExistingUsers(),
                patch.has("enabled") ? v.enabled() : current.enabled());
    }

    private static String protocol(String protocol) {
        String given = protocol == null ? "oidc" : protocol.strip().toLowerCase(Locale.ROOT);
        if (given.equals("saml")) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "saml_not_supported",
                    "SAML 2.0 is not supported: Roster signs in through OpenID Connect only. Most identity providers"
                            + " (Okta, Entra ID, Google Workspace, Keycloak) offer OIDC; see docs/sso.md.",
                    List.of(new FieldViolation("protocol", "must be oidc")),
                    Map.of());
        }
        if (!given.equals("oidc")) {
            throw ProblemException.invalid("protocol", "must be oidc");
        }
        return given;
    }

    /**
     * An issuer is an absolute https URL without credentials, query or fragment; plain http only for a loopback
     * host, and only where private issuers are allowed. Where it points is checked again at every fetch.
     */
    static String issuer(String given, boolean allowPrivate) {
        String issuer = Text.required("issuer", given, 2000);
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("issuer", "must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopbackHttp = scheme.equals("http") && allowPrivate && LOOPBACK.contains(host(uri));
        if (!(scheme.equals("https") || loopbackHttp) || uri.getHost() == null) {
            throw ProblemException.invalid("issuer", "must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ProblemException.invalid("issuer", "must have no credentials, query or fragment");
        }
        return issuer;
    }

    private static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    private static List<String> scopes(List<String> given) {
        if (given == null) {
            return DEFAULT_SCOPES;
        }
        if (given.size() > MAX_SCOPES) {
            throw ProblemException.invalid("scopes", "must have at most " + MAX_SCOPES + " entries");
        }
        List<String> scopes = new ArrayList<>();
        for (String scope : given) {
            if (scope == null || !SCOPE.matcher(scope).matches()) {
                throw ProblemException.invalid("scopes", "must be scope names such as openid or email");
            }
            if (!scopes.contains(scope)) {
                scopes.add(scope);
            }
        }
        if (!scopes.contains("openid")) {
            throw ProblemException.invalid("scopes", "must include openid");
        }
        return List.copyOf(scopes);
    }

    private static String groupsClaim(String given) {
        String claim = Text.optional("groupsClaim", given, 100);
        if (claim != null && !CLAIM.matcher(claim).matches()) {
            throw ProblemException.invalid("groupsClaim", "must be a claim name such as groups");
        }
        return claim;
    }

    private static String jit(String given) {
        String jit = given == null ? "off" : given.strip();
        if (!JIT.contains(jit)) {
            throw ProblemException.invalid("jitProvisioning", "must be off, invited_only or verified_domains");
        }
        return jit;
    }

    private static List<SsoProvider.GroupRole> groupRoles(List<SsoProvider.GroupRole> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_GROUP_ROLES) {
            throw ProblemException.invalid("groupRoles", "must have at most " + MAX_GROUP_ROLES + " entries");
        }
        List<SsoProvider.GroupRole> checked = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            SsoProvider.GroupRole entry = given.get(i);
            if (entry == null || entry.roleId() == null) {
                throw ProblemException.invalid("groupRoles[" + i + "].roleId", "is required");
            }
            String group = Text.required("groupRoles[" + i + "].group", entry.group(), 200);
            checked.add(new SsoProvider.GroupRole(group, entry.roleId()));
        }
        return List.copyOf(checked);
    }
}
