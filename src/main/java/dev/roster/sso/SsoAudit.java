package dev.roster.sso;

import dev.roster.shared.ChangeMade;
import dev.roster.shared.Changes;
import dev.roster.shared.OrganizationId;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records refused SSO sign-ins in the audit log, in a transaction of their own, so that the refusal stays recorded
 * when the sign-in's own transaction rolls back. A refusal before the organization is known (an unknown state) is
 * recorded without one, in the platform's log.
 */
@Component
class SsoAudit {

    private static final Logger log = LoggerFactory.getLogger(SsoAudit.class);

    private final ApplicationEventPublisher events;
    private final TransactionTemplate separate;

    SsoAudit(ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.events = events;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void failed(OrganizationId org, UUID provider, String email, SsoFailure failure) {
        log.info("SSO sign-in refused: {} (provider {})", failure.getMessage(), provider);
        Changes changes = new Changes()
                .set("reason", failure.reason().code())
                .set("providerId", provider == null ? null : provider.toString())
                .set("email", email);
        separate.executeWithoutResult(status -> events.publishEvent(new ChangeMade(
                org,
                provider == null ? "anonymous" : "sso_provider:" + provider,
                "sso.sign_in_failed",
                "sso_provider",
                provider == null ? "unknown" : provider.toString(),
                changes.asMap())));
    }
}
