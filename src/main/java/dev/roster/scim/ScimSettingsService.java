package dev.roster.scim;

import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether SCIM-created users are invited by email. The other condition of the issue, an organization that requires
 * SSO for the user's email domain, waits for verified domains (issue #13).
 */
@Service
public class ScimSettingsService {

    private final JdbcScimSettingsRepository settings;
    private final OrganizationService organizations;
    private final ApplicationEventPublisher events;

    ScimSettingsService(
            JdbcScimSettingsRepository settings, OrganizationService organizations, ApplicationEventPublisher events) {
        this.settings = settings;
        this.organizations = organizations;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public ScimSettings get(Caller caller, OrganizationId pathId) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_READ);
        return settings.find(org);
    }

    /** Changes the settings; needs organization:manage. */
    @Transactional
    public ScimSettings update(Caller caller, OrganizationId pathId, Boolean scimSendsInvitations) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        if (scimSendsInvitations == null) {
            throw ProblemException.invalid("scimSendsInvitations", "must be true or false");
        }
        ScimSettings before = settings.find(org);
        ScimSettings after = new ScimSettings(scimSendsInvitations);
        settings.save(org, after, caller.actor());
        Changes changes =
                new Changes().diff("scimSendsInvitations", before.scimSendsInvitations(), after.scimSendsInvitations());
        if (!changes.isEmpty()) {
            events.publishEvent(new ChangeMade(
                    org, caller.actor(), "scim_settings.updated", "organization", org.toString(), changes.asMap()));
        }
        return after;
    }

    /** For SCIM's own use: whether a new user is invited. */
    boolean sendsInvitations(OrganizationId org) {
        return settings.find(org).scimSendsInvitations();
    }
}
