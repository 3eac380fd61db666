package dev.roster.sso;

import dev.roster.organization.OrganizationService;
import dev.roster.role.Role;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.Cursor;
import dev.roster.shared.Ids;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Page;
import dev.roster.shared.Patch;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import dev.roster.shared.secret.SecretBox;
import dev.roster.user.SsoAvailability;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's SSO providers (organization:manage to change, organization:read to see): the OpenID Connect
 * settings sign-in uses. The client secret is sealed at rest and never shown. Roles a provider gives (defaultRoleId,
 * groupRoles) are grants: whoever sets them needs roles:manage and every permission they carry.
 */
@Service
public class SsoProviderService implements SsoAvailability {

    private final JdbcSsoProviderRepository providers;
    private final OrganizationService organizations;
    private final RoleService roles;
    private final SecretBox box;
    private final SsoProperties properties;
    private final DomainService domains;
    private final ApplicationEventPublisher events;

    SsoProviderService(
            JdbcSsoProviderRepository providers,
            OrganizationService organizations,
            RoleService roles,
            SecretBox box,
            SsoProperties properties,
            DomainService domains,
            ApplicationEventPublisher events) {
        this.providers = providers;
        this.organizations = organizations;
        this.roles = roles;
        this.box = box;
        this.properties = properties;
        this.domains = domains;
        this.events = events;
    }

    /** Adds a provider; 400 saml_not_supported for protocol saml. */
    @Transactional
    public SsoProvider create(Caller caller, OrganizationId pathId, SsoProviderRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        SsoProviderRequest checked = ProviderRules.check(request, true, properties.allowPrivateIssuers());
        checkRoles(caller, org, checked, null);
        String secret = checked.clientSecret() == null ? null : box.seal(checked.clientSecret());
        SsoProvider created = providers.insert(org, Ids.next(), checked, secret, caller.actor());
        publish(caller, "sso_provider.created", created, ProviderChanges.between(null, created, secret != null));
        return created;
    }

    @Transactional(readOnly = true)
    public Page<SsoProvider> list(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_READ);
        int size = Cursor.limit(limit);
        return Page.of(
                providers.page(org, Cursor.decode(cursor), size + 1), size, p -> new Cursor(p.createdAt(), p.id()));
    }

    @Transactional(readOnly = true)
    public SsoProvider get(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_READ);
        return providers.find(org, id).orElseThrow(SsoProviderService::notFound);
    }

    /** Changes the fields present; a clientSecret present replaces the stored one (null removes it). */
    @Transactional
    public SsoProvider update(Caller caller, OrganizationId pathId, UUID id, Patch<SsoProviderRequest> patch) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        SsoProvider current = providers.find(org, id).orElseThrow(SsoProviderService::notFound);
        SsoProviderRequest checked =
                ProviderRules.check(ProviderRules.merge(current, patch), false, properties.allowPrivateIssuers());
        checkRoles(caller, org, checked, current);
        boolean replaceSecret = patch.has("clientSecret");
        String secret = checked.clientSecret() == null ? null : box.seal(checked.clientSecret());
        SsoProvider updated = providers.update(org, id, checked, replaceSecret, secret, caller.actor());
        Changes changes = ProviderChanges.between(current, updated, replaceSecret);
        if (!changes.isEmpty()) {
            publish(caller, "sso_provider.updated", updated, changes);
        }
        return updated;
    }

    @Transactional
    public void delete(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        SsoProvider current = providers.find(org, id).orElseThrow(SsoProviderService::notFound);
        providers.delete(org, id);
        publish(caller, "sso_provider.deleted", current, new Changes());
    }

    /** Whether SSO-only users can sign in to this organization: at least one SSO provider is enabled. */
    @Override
    @Transactional(readOnly = true)
    public boolean hasEnabledProvider(OrganizationId organization) {
        return providers.anyEnabled(organization);
    }

    /** Whether the email's domain is one of the organization's verified domains that require SSO. */
    @Override
    public boolean requiresSso(OrganizationId organization, String email) {
        return domains.requiresSso(organization, email);
    }

    /** Each role the provider would give must be the organization's, and the caller must be able to grant it. */
    private void checkRoles(Caller caller, OrganizationId org, SsoProviderRequest wanted, SsoProvider current) {
        Map<UUID, String> given = new LinkedHashMap<>();
        if (wanted.defaultRoleId() != null) {
            given.put(wanted.defaultRoleId(), "defaultRoleId");
        }
        for (int i = 0; i < wanted.groupRoles().size(); i++) {
            given.putIfAbsent(wanted.groupRoles().get(i).roleId(), "groupRoles[" + i + "].roleId");
        }
        boolean changed = current == null
                || !Objects.equals(current.defaultRoleId(), wanted.defaultRoleId())
                || !current.groupRoles().equals(wanted.groupRoles());
        if (given.isEmpty() || !changed) {
            return;
        }
        caller.require(Permission.ROLES_MANAGE);
        for (Map.Entry<UUID, String> entry : given.entrySet()) {
            Role role = role(caller, org, entry.getKey(), entry.getValue());
            caller.requireAll(
                    Permission.of(role.permissions().toArray(String[]::new)), null, "The role " + role.name());
        }
    }

    private Role role(Caller caller, OrganizationId org, UUID roleId, String field) {
        try {
            return roles.get(caller, org, roleId);
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            throw ProblemException.invalid(field, "names no role of this organization: " + roleId);
        }
    }

    private void publish(Caller caller, String action, SsoProvider provider, Changes changes) {
        events.publishEvent(new ChangeMade(
                provider.organizationId(),
                caller.actor(),
                action,
                "sso_provider",
                provider.id().toString(),
                changes.asMap()));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("SSO provider");
    }
}
