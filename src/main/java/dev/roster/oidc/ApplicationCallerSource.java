package dev.roster.oidc;

import dev.roster.auth.ApplicationCallers;
import dev.roster.role.RoleService;
import dev.roster.shared.Caller;
import dev.roster.shared.Grants;
import dev.roster.shared.OrganizationId;
import dev.roster.shared.Permission;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An application's own token acts as the application is now: live, confidential, still given its organization and
 * role, with the role's permissions of the moment.
 */
@Component
class ApplicationCallerSource implements ApplicationCallers {

    private final JdbcApplicationRepository applications;
    private final RoleService roles;

    ApplicationCallerSource(JdbcApplicationRepository applications, RoleService roles) {
        this.applications = applications;
        this.roles = roles;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Caller> callerFor(UUID applicationId) {
        return applications
                .findLive(applicationId)
                .filter(app -> app.type().equals(Application.CONFIDENTIAL) && app.clientCredentials() != null)
                .flatMap(app -> {
                    OrganizationId org =
                            new OrganizationId(app.clientCredentials().organizationId());
                    return roles.find(org, app.clientCredentials().roleId())
                            .filter(role -> applications.admits(app.id(), org))
                            .map(role -> new Caller(
                                    Caller.Kind.APPLICATION,
                                    app.id(),
                                    org.value(),
                                    new Grants(Permission.of(role.permissions().toArray(String[]::new)), Map.of())));
                });
    }
}
