package dev.roster.imports;

import dev.roster.auth.CallerService;
import dev.roster.organization.OrganizationService;
import dev.roster.shared.Caller;
import dev.roster.shared.Permission;
import dev.roster.shared.ProblemException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who each row of an import acts as: the credential that started it, as that credential is at this moment (found
 * again by its id, with its permissions of now), never a copy taken when the import began. A revoked key, a user
 * no longer active, a role that lost users:write or users:invite, or an organization gone stops the import.
 */
@Component
class ImportCaller {

    /** The import's credential may no longer act; thrown out of a row's transaction, which then rolls back. */
    static final class CannotAct extends RuntimeException {
        private final ImportRow.Problem reason;

        CannotAct(String code, String message) {
            super(message, null, false, false);
            this.reason = ImportRow.Problem.of(code, null, message);
        }

        /** Why, as the failed import shows it. */
        ImportRow.Problem reason() {
            return reason;
        }
    }

    private final CallerService callers;
    private final OrganizationService organizations;

    ImportCaller(CallerService callers, OrganizationService organizations) {
        this.callers = callers;
        this.organizations = organizations;
    }

    /** The import's credential now, if it may still create and invite users in the import's organization. */
    Caller now(JdbcImportRepository.ActiveImport job) {
        Caller caller = callers.recall(job.callerKind(), job.callerId())
                .orElseThrow(() -> new CannotAct(
                        "credential_revoked",
                        "The credential that started this import was revoked or may no longer act (its user"
                                + " deactivated or deleted, its organization deleted); the rows not processed yet"
                                + " were left."));
        try {
            organizations.requireAccess(caller, job.organizationId());
        } catch (ProblemException e) {
            throw new CannotAct(
                    "organization_unavailable",
                    "The organization was deleted, or the credential that started this import may no longer act"
                            + " in it.");
        }
        for (Permission needed : List.of(Permission.USERS_WRITE, Permission.USERS_INVITE)) {
            if (!caller.grants().holds(needed)) {
                throw new CannotAct(
                        "permission_required",
                        "The credential that started this import no longer holds " + needed.code()
                                + "; the rows not processed yet were left.");
            }
        }
        return caller;
    }
}
