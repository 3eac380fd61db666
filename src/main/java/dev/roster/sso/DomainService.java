package dev.roster.sso;

import dev.roster.auth.Secrets;
import dev.roster.auth.SsoRequirement;
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
import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.naming.NamingException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The email domains an organization claims (organization:manage). A domain is verified by a TXT record at
 * {@code _roster-challenge.<domain>} holding the value Roster gives, or marked verified directly by a platform or
 * partner key. A verified domain belongs to one organization only: a second one is 409 {@code domain_taken}.
 */
@Service
public class DomainService implements SsoRequirement {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final JdbcDomainRepository domains;
    private final DnsTxtLookup dns;
    private final OrganizationService organizations;
    private final Secrets secrets;
    private final ApplicationEventPublisher events;

    DomainService(
            JdbcDomainRepository domains,
            DnsTxtLookup dns,
            OrganizationService organizations,
            Secrets secrets,
            ApplicationEventPublisher events) {
        this.domains = domains;
        this.dns = dns;
        this.organizations = organizations;
        this.secrets = secrets;
        this.events = events;
    }

    /** Claims a domain, unverified, with the TXT value that will verify it; 409 when the organization has it. */
    @Transactional
    public Domain create(Caller caller, OrganizationId pathId, DomainRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        String name = name(request.name());
        String value = "roster-verification=" + secrets.newToken("").substring(0, 32);
        Domain domain;
        try {
            domain = domains.insert(
                    Ids.next(), org, name, value, Boolean.TRUE.equals(request.ssoRequired()), caller.actor());
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("domain_exists", "This organization already claims the domain.");
        }
        publish(
                caller,
                org,
                "domain.created",
                domain,
                new Changes().set("name", name).set("ssoRequired", domain.ssoRequired()));
        return domain;
    }

    @Transactional(readOnly = true)
    public Page<Domain> list(Caller caller, OrganizationId pathId, String cursor, Integer limit) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_READ);
        int size = Cursor.limit(limit);
        return Page.of(
                domains.page(org, Cursor.decode(cursor), size + 1), size, d -> new Cursor(d.createdAt(), d.id()));
    }

    @Transactional(readOnly = true)
    public Domain get(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_READ);
        return found(org, id);
    }

    /** Changes ssoRequired. */
    @Transactional
    public Domain update(Caller caller, OrganizationId pathId, UUID id, Patch<DomainRequest> patch) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        Domain current = found(org, id);
        if (patch.has("name")) {
            throw ProblemException.invalid("name", "cannot change; claim the other domain instead");
        }
        patch.requireNonNull("ssoRequired");
        if (!patch.has("ssoRequired") || patch.values().ssoRequired() == current.ssoRequired()) {
            return current;
        }
        Domain updated = domains.setSsoRequired(org, id, patch.values().ssoRequired());
        publish(
                caller,
                org,
                "domain.updated",
                updated,
                new Changes().diff("ssoRequired", current.ssoRequired(), updated.ssoRequired()));
        return updated;
    }

    /**
     * Verifies the domain: its TXT record must hold the value given at creation. A platform or partner key may skip
     * the DNS check. 409 {@code domain_taken} when another organization has the domain verified.
     */
    @Transactional
    public Domain verify(Caller caller, OrganizationId pathId, UUID id, VerifyDomainRequest request) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        Domain domain = found(org, id);
        if (domain.verified()) {
            return domain;
        }
        boolean skip = request != null && Boolean.TRUE.equals(request.skipDnsCheck());
        if (skip && caller.inOneOrganization()) {
            throw ProblemException.forbidden("Only platform and partner keys mark a domain verified without DNS.");
        }
        if (domains.verifiedElsewhere(org, domain.name())) {
            throw taken();
        }
        if (!skip) {
            checkDns(domain);
        }
        Domain verified;
        try {
            verified = domains.markVerified(org, id, caller.actor());
        } catch (DuplicateKeyException raced) {
            throw taken();
        }
        publish(caller, org, "domain.verified", verified, new Changes().set("method", skip ? "operator" : "dns_txt"));
        return verified;
    }

    @Transactional
    public void delete(Caller caller, OrganizationId pathId, UUID id) {
        OrganizationId org = organizations.requireAccess(caller, pathId);
        caller.require(Permission.ORGANIZATION_MANAGE);
        Domain domain = found(org, id);
        domains.delete(org, id);
        publish(caller, org, "domain.deleted", domain, new Changes().set("name", domain.name()));
    }

    /** Whether the email's domain is one of the organization's verified domains that require SSO. */
    @Override
    @Transactional(readOnly = true)
    public boolean requiresSso(OrganizationId organization, String email) {
        return domainOf(email).map(d -> domains.ssoRequired(organization, d)).orElse(false);
    }

    /** Whether the email's domain is one of the organization's verified domains. */
    @Transactional(readOnly = true)
    public boolean isVerified(OrganizationId organization, String email) {
        return domainOf(email).map(d -> domains.verifiedIn(organization, d)).orElse(false);
    }

    /** The organization that has the email's domain verified, if one has. */
    @Transactional(readOnly = true)
    public Optional<OrganizationId> verifiedOwner(String email) {
        return domainOf(email).flatMap(domains::verifiedOwner);
    }

    /** The lower-case domain of an email address; empty for anything that is not one. */
    static Optional<String> domainOf(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        if (at < 1 || at == email.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(email.substring(at + 1).strip().toLowerCase(Locale.ROOT));
    }

    private void checkDns(Domain domain) {
        List<String> records;
        try {
            records = dns.txt(domain.verification().recordName());
        } catch (NamingException e) {
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "dns_unavailable",
                    "The DNS lookup of " + domain.verification().recordName() + " failed; try again later.");
        }
        if (!records.contains(domain.verification().value())) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "domain_not_verified",
                    "No TXT record at " + domain.verification().recordName() + " holds the verification value ("
                            + records.size() + " TXT records found). DNS changes may take a while to arrive.",
                    List.of(),
                    Map.of("recordsFound", records.size()));
        }
    }

    /** A domain name as it is kept: trimmed, lower-case, ASCII (IDNA), at least two labels, no trailing dot. */
    static String name(String given) {
        if (given == null || given.isBlank()) {
            throw ProblemException.invalid("name", "is required");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(given.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("name", "is not a domain name");
        }
        String[] labels = ascii.split("\\.", -1);
        if (ascii.length() > 253 || labels.length < 2) {
            throw ProblemException.invalid("name", "must be a domain such as example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw ProblemException.invalid("name", "must be a domain such as example.com");
            }
        }
        return ascii;
    }

    private Domain found(OrganizationId org, UUID id) {
        return domains.find(org, id).orElseThrow(() -> ProblemException.notFound("Domain"));
    }

    private static ProblemException taken() {
        return ProblemException.conflict("domain_taken", "Another organization has verified this domain.");
    }

    private void publish(Caller caller, OrganizationId org, String action, Domain domain, Changes changes) {
        events.publishEvent(new ChangeMade(
                org, caller.actor(), action, "domain", domain.id().toString(), changes.asMap()));
    }
}
