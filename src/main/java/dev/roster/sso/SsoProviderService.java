package dev.roster.sso;

import dev.roster.organization.OrganizationService;
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
import dev.roster.shared.Text;
import dev.roster.user.SsoAvailability;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An organization's SSO providers: enough configuration to allow SSO-only users. */
@Service
public class SsoProviderService implements SsoAvailability {

    private final JdbcSsoProviderRepository providers;
    private final OrganizationService organizations;
    private final ApplicationEventPublisher events;

    SsoProviderService(
            JdbcSsoProviderRepository providers, OrganizationService organizations, ApplicationEventPublisher events) {
        this.providers = providers;
        this.organizations = organizations;
        this.events = events;
    }

    @Transactional
    public SsoProvider create(Caller caller, OrganizationId pathId, SsoProviderRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        SsoProvider created = providers.insert(org, Ids.next(), check(request, true), caller.actor());
        publish(
                caller,
                "sso_provider.created",
                created,
                new Changes()
                        .set("name", created.name())
                        .set("protocol", created.protocol())
                        .set("issuer", created.issuer())
                        .set("enabled", created.enabled()));
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

    @Transactional
    public SsoProvider update(Caller caller, OrganizationId pathId, UUID id, Patch<SsoProviderRequest> patch) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        SsoProvider current = providers.find(org, id).orElseThrow(SsoProviderService::notFound);
        patch.requireNonNull("name", "protocol", "issuer", "enabled");
        SsoProviderRequest v = patch.values();
        SsoProviderRequest merged = new SsoProviderRequest(
                patch.has("name") ? v.name() : current.name(),
                patch.has("protocol") ? v.protocol() : current.protocol(),
                patch.has("issuer") ? v.issuer() : current.issuer(),
                patch.has("clientId") ? v.clientId() : current.clientId(),
                patch.has("enabled") ? v.enabled() : current.enabled());
        SsoProvider updated = providers.update(org, id, check(merged, false), caller.actor());
        publish(
                caller,
                "sso_provider.updated",
                updated,
                new Changes()
                        .diff("name", current.name(), updated.name())
                        .diff("protocol", current.protocol(), updated.protocol())
                        .diff("issuer", current.issuer(), updated.issuer())
                        .diff("clientId", current.clientId(), updated.clientId())
                        .diff("enabled", current.enabled(), updated.enabled()));
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

    private static SsoProviderRequest check(SsoProviderRequest request, boolean creating) {
        String protocol = request.protocol();
        if (!"oidc".equals(protocol) && !"saml".equals(protocol)) {
            throw ProblemException.invalid("protocol", "must be oidc or saml");
        }
        return new SsoProviderRequest(
                Text.required("name", request.name(), 200),
                protocol,
                Text.required("issuer", request.issuer(), 2000),
                Text.optional("clientId", request.clientId(), 500),
                request.enabled() == null ? creating : request.enabled());
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
