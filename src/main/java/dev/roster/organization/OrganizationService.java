package dev.roster.organization;

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
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organizations, their plans and seats, and the rule of which organizations a caller may act in. */
@Service
public class OrganizationService {

    private static final int MAX_NAME = 200;

    private final JdbcOrganizationRepository organizations;
    private final ApplicationEventPublisher events;

    OrganizationService(JdbcOrganizationRepository organizations, ApplicationEventPublisher events) {
        this.organizations = organizations;
        this.events = events;
    }

    /** Creates an organization; a partner key becomes its owner. Platform and partner keys only. */
    @Transactional
    public Organization create(Caller caller, CreateOrganizationRequest request) {
        requireOperator(caller);
        String name = Text.required("name", request.name(), MAX_NAME);
        Plan plan = Plan.parse("plan", request.plan() == null ? "free" : request.plan());
        Integer seatLimit = checkSeatLimit(request.seatLimit());
        Organization created = organizations.insert(
                new OrganizationId(Ids.next()),
                name,
                plan,
                seatLimit,
                caller.isPartner() ? caller.keyId() : null,
                caller.actor());
        publish(
                caller,
                "organization.created",
                created.id(),
                new Changes().set("name", name).set("plan", plan.code()).set("seatLimitOverride", seatLimit));
        return created;
    }

    /** The organizations a caller can see: all for the platform, its own for a partner, one for an organization key. */
    @Transactional(readOnly = true)
    public Page<Organization> list(Caller caller, String cursor, Integer limit) {
        int size = Cursor.limit(limit);
        Cursor after = Cursor.decode(cursor);
        List<Organization> rows;
        if (caller.inOneOrganization()) {
            caller.require(Permission.ORGANIZATION_READ);
            rows = organizations
                    .find(new OrganizationId(caller.organizationId()))
                    .filter(org -> after == null)
                    .map(List::of)
                    .orElse(List.of());
        } else {
            rows = organizations.page(caller.isPartner() ? caller.keyId() : null, after, size + 1);
        }
        return Page.of(rows, size, org -> new Cursor(org.createdAt(), org.id().value()));
    }

    @Transactional(readOnly = true)
    public Organization get(Caller caller, OrganizationId id) {
        OrganizationId accessible = requireAccess(caller, id);
        caller.require(Permission.ORGANIZATION_READ);
        return organizations.find(accessible).orElseThrow(OrganizationService::notFound);
    }

    /**
     * Changes name, plan, seat-limit override or rolesTakeEffect (platform and owning partner keys only), or
     * mfaRequired (also the organization's own organization:manage).
     */
    @Transactional
    public Organization update(Caller caller, OrganizationId id, Patch<UpdateOrganizationRequest> patch) {
        OrganizationId accessible = requireAccess(caller, id);
        if (patch.has("name") || patch.has("plan") || patch.has("seatLimit") || patch.has("rolesTakeEffect")) {
            requireOperator(caller);
        } else {
            caller.require(Permission.ORGANIZATION_MANAGE);
        }
        Organization current = organizations.lock(accessible).orElseThrow(OrganizationService::notFound);
        patch.requireNonNull("name", "plan", "rolesTakeEffect", "mfaRequired");
        UpdateOrganizationRequest values = patch.values();
        String name = patch.has("name") ? Text.required("name", values.name(), MAX_NAME) : current.name();
        Plan plan = patch.has("plan") ? Plan.parse("plan", values.plan()) : current.plan();
        Integer seatLimit = patch.has("seatLimit") ? checkSeatLimit(values.seatLimit()) : current.seatLimitOverride();
        String rolesTakeEffect =
                patch.has("rolesTakeEffect") ? rolesTakeEffect(values.rolesTakeEffect()) : current.rolesTakeEffect();
        boolean mfaRequired = patch.has("mfaRequired") ? values.mfaRequired() : current.mfaRequired();
        String displayName = patch.has("displayName")
                ? Text.optional("displayName", values.displayName(), MAX_NAME)
                : current.displayName();
        String logoUrl = patch.has("logoUrl") ? logoUrl(values.logoUrl()) : current.logoUrl();
        Organization updated = organizations.update(
                current.id(),
                name,
                plan,
                seatLimit,
                rolesTakeEffect,
                mfaRequired,
                displayName,
                logoUrl,
                caller.actor());
        Changes changes = new Changes()
                .diff("name", current.name(), updated.name())
                .diff("plan", current.plan().code(), updated.plan().code())
                .diff("seatLimitOverride", current.seatLimitOverride(), updated.seatLimitOverride())
                .diff("rolesTakeEffect", current.rolesTakeEffect(), updated.rolesTakeEffect())
                .diff("mfaRequired", current.mfaRequired(), updated.mfaRequired())
                .diff("displayName", current.displayName(), updated.displayName())
                .diff("logoUrl", current.logoUrl(), updated.logoUrl());
        if (!changes.isEmpty()) {
            publish(caller, "organization.updated", updated.id(), changes);
        }
        return updated;
    }

    /** Deletes an organization, its users and its keys. Platform and owning partner keys only. */
    @Transactional
    public void delete(Caller caller, OrganizationId id) {
        OrganizationId accessible = requireAccess(caller, id);
        requireOperator(caller);
        Organization current = organizations.lock(accessible).orElseThrow(OrganizationService::notFound);
        organizations.markDeleted(current.id(), caller.actor());
        publish(caller, "organization.deleted", current.id(), new Changes());
        events.publishEvent(new OrganizationDeleted(current.id(), caller.actor()));
    }

    /**
     * The organization a request acts in. Without a path id it is the key's own organization (platform and partner
     * keys must name one); with one, an organization key may name only its own and a partner key only one it
     * created. Anything else is 404, so that other tenants' ids reveal nothing. No transaction of its own: most
     * callers' checks read nothing, and a platform or partner key's is one statement (in the caller's transaction when
     * there is one).
     */
    public OrganizationId requireAccess(Caller caller, OrganizationId pathId) {
        if (pathId == null) {
            if (!caller.inOneOrganization()) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "organization_required",
                        "Platform and partner keys must name the organization: use /v1/organizations/{orgId}/...");
            }
            return new OrganizationId(caller.organizationId());
        }
        boolean allowed = switch (caller.kind()) {
            case ORGANIZATION, USER, SCIM, APPLICATION, SSO_PROVIDER ->
                pathId.value().equals(caller.organizationId());
            case PLATFORM -> organizations.find(pathId).isPresent();
            case PARTNER ->
                organizations
                        .find(pathId)
                        .filter(org -> caller.keyId().equals(org.partnerKeyId()))
                        .isPresent();
        };
        if (!allowed) {
            throw notFound();
        }
        return pathId;
    }

    /**
     * Takes one seat for a new or restored user, in the caller's transaction. Fails with 403 {@code
     * seat_limit_reached} when every seat is taken; the transaction rolling back gives the seat back.
     */
    @Transactional
    public void takeSeat(OrganizationId id) {
        if (!organizations.takeSeat(id)) {
            Organization org = organizations.find(id).orElseThrow(OrganizationService::notFound);
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "seat_limit_reached",
                    "The organization has used all " + org.seatLimit() + " seats of its plan.",
                    List.of(),
                    Map.of("plan", org.plan().code(), "seatLimit", org.seatLimit(), "seatsUsed", org.seatsUsed()));
        }
    }

    /** Gives back the seat of a user that was deleted, in the caller's transaction. */
    @Transactional
    public void releaseSeat(OrganizationId id) {
        organizations.releaseSeat(id);
    }

    /** The organization's plan, for limits that depend on it; empty for an organization that no longer exists. */
    public Optional<Plan> plan(OrganizationId id) {
        return organizations.settings(id).map(JdbcOrganizationRepository.Settings::plan);
    }

    /** The organization's name, for messages sent on its behalf. */
    public String name(OrganizationId id) {
        return organizations
                .settings(id)
                .map(JdbcOrganizationRepository.Settings::name)
                .orElseThrow(OrganizationService::notFound);
    }

    /** The seats the organization has free now; null when its plan has no limit. */
    @Transactional(readOnly = true)
    public Integer seatsFree(OrganizationId id) {
        Organization org = organizations.find(id).orElseThrow(OrganizationService::notFound);
        return org.seatLimit() == null ? null : Math.max(0, org.seatLimit() - org.seatsUsed());
    }

    /** What an organization's login pages show: its display name (or name) and logo; empty for a deleted one. */
    public Optional<Branding> branding(OrganizationId id) {
        return organizations
                .settings(id)
                .map(org -> new Branding(org.displayName() != null ? org.displayName() : org.name(), org.logoUrl()));
    }

    /** The name and logo on an organization's login pages. */
    public record Branding(String displayName, String logoUrl) {}

    /** An https URL, absolute, without credentials; null clears the logo. */
    private static String logoUrl(String value) {
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("logoUrl", "must be an https URL");
        }
        if (value.length() > 2000
                || !"https".equals(uri.getScheme())
                || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw ProblemException.invalid("logoUrl", "must be an https URL of at most 2000 characters");
        }
        return value;
    }

    /** Whether the organization makes every user sign in with a second factor. */
    public boolean mfaRequired(OrganizationId id) {
        return organizations
                .settings(id)
                .map(JdbcOrganizationRepository.Settings::mfaRequired)
                .orElse(false);
    }

    /** Whether roles given with an invitation wait for its acceptance in this organization. */
    public boolean rolesTakeEffectOnAccept(OrganizationId id) {
        return organizations
                .settings(id)
                .map(JdbcOrganizationRepository.Settings::rolesTakeEffectOnAccept)
                .orElse(false);
    }

    private static String rolesTakeEffect(String value) {
        if (!"immediately".equals(value) && !"on_accept".equals(value)) {
            throw ProblemException.invalid("rolesTakeEffect", "must be immediately or on_accept");
        }
        return value;
    }

    private static Integer checkSeatLimit(Integer seatLimit) {
        if (seatLimit != null && (seatLimit < 0 || seatLimit > 1_000_000)) {
            throw ProblemException.invalid("seatLimit", "must be between 0 and 1000000, or null for the plan's");
        }
        return seatLimit;
    }

    private static void requireOperator(Caller caller) {
        if (caller.inOneOrganization()) {
            throw ProblemException.forbidden("Only platform and partner keys manage organizations.");
        }
    }

    private void publish(Caller caller, String action, OrganizationId id, Changes changes) {
        events.publishEvent(new ChangeMade(id, caller.actor(), action, "organization", id.toString(), changes.asMap()));
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Organization");
    }
}
