package dev.roster.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.support.Api;
import dev.roster.support.ApiTestBase;
import dev.roster.support.DnsServer;
import dev.roster.support.Fixtures.Tenant;
import dev.roster.support.RosterTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Domains are verified through DNS (a small server on loopback here), and belong to one organization once verified. */
@RosterTest
class DomainApiTest extends ApiTestBase {

    static {
        DnsServer.ensureStarted();
    }

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = fixtures.tenant("business");
    }

    @Test
    void aTxtRecordWithTheGivenValueVerifiesTheDomain() {
        // given a claimed domain
        String name = uniqueDomain();
        Api.Response claimed = api.post("/v1/domains", tenant.adminKey(), Map.of("name", name.toUpperCase()));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
        String id = claimed.field("id");
        String record = claimed.json().path("verification").path("recordName").asString();
        String value = claimed.json().path("verification").path("value").asString();
        assertThat(claimed.field("name")).isEqualTo(name);
        assertThat(record).isEqualTo("_roster-challenge." + name);

        // when DNS holds another value, then the right one
        DnsServer.txt(record, "roster-verification=somebody-else");
        Api.Response wrong = api.post("/v1/domains/" + id + "/verify", tenant.adminKey(), null);
        DnsServer.txt(record, "v=spf1 -all", value);
        Api.Response right = api.post("/v1/domains/" + id + "/verify", tenant.adminKey(), null);

        // then only the right one verifies it, and that is audited
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.field("code")).isEqualTo("domain_not_verified");
        assertThat(right.status()).as(right.toString()).isEqualTo(200);
        assertThat(right.json().path("verified").asBoolean()).isTrue();
        assertThat(api.get("/v1/audit-events?action=domain.verified&targetId=" + id, tenant.adminKey())
                        .json()
                        .path("data"))
                .hasSize(1);
    }

    @Test
    void aVerifiedDomainBelongsToOneOrganization() {
        // given a domain verified by one organization
        String name = uniqueDomain();
        String first =
                api.post("/v1/domains", tenant.adminKey(), Map.of("name", name)).field("id");
        assertThat(api.post("/v1/domains/" + first + "/verify", tenant.adminKey(), Map.of("skipDnsCheck", true))
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/v1/organizations/" + tenant.organizationId() + "/domains/" + first + "/verify",
                                Api.PLATFORM_KEY,
                                Map.of("skipDnsCheck", true))
                        .status())
                .isEqualTo(200);

        // when another organization claims it and proves it in DNS
        Tenant other = fixtures.tenant("business");
        Api.Response claimed = api.post("/v1/domains", other.adminKey(), Map.of("name", name));
        DnsServer.txt(
                claimed.json().path("verification").path("recordName").asString(),
                claimed.json().path("verification").path("value").asString());
        Api.Response verified = api.post("/v1/domains/" + claimed.field("id") + "/verify", other.adminKey(), null);

        // then it may claim it but not verify it
        assertThat(claimed.status()).isEqualTo(201);
        assertThat(verified.status()).isEqualTo(409);
        assertThat(verified.field("code")).isEqualTo("domain_taken");
    }

    @Test
    void aPartnerKeyVerifiesADomainOfItsOwnOrganizationDirectly() {
        // given a partner's organization that claims a domain nobody published a record for
        String partner = fixtures.partnerKey();
        String own = fixtures.organization(partner, "business");
        String foreign = tenant.organizationId();
        String name = uniqueDomain();
        Api.Response claimed = api.post("/v1/organizations/" + own + "/domains", partner, Map.of("name", name));
        Api.Response foreignClaim = api.post("/v1/domains", tenant.adminKey(), Map.of("name", uniqueDomain()));

        // when the partner marks it verified without DNS, and tries the same on another organization's domain
        Api.Response verified = api.post(
                "/v1/organizations/" + own + "/domains/" + claimed.field("id") + "/verify",
                partner,
                Map.of("skipDnsCheck", true));
        Api.Response elsewhere = api.post(
                "/v1/organizations/" + foreign + "/domains/" + foreignClaim.field("id") + "/verify",
                partner,
                Map.of("skipDnsCheck", true));

        // then its own is verified and audited as the operator's doing, and the other organization is not found
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(201);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().path("verified").asBoolean()).isTrue();
        assertThat(api.get(
                                "/v1/organizations/" + own + "/audit-events?action=domain.verified&targetId="
                                        + claimed.field("id"),
                                partner)
                        .text())
                .contains("\"operator\"");
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(api.get("/v1/domains/" + foreignClaim.field("id"), tenant.adminKey())
                        .json()
                        .path("verified")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void namesAreCheckedAndOnlyAdminsManageDomains() {
        String reader = fixtures.keyWith(tenant.organizationId(), "organization:read");
        for (String bad : new String[] {"localhost", "exa mple.com", "-bad.example.com", "example.com.", ""}) {
            Api.Response refused = api.post("/v1/domains", tenant.adminKey(), Map.of("name", bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
        assertThat(api.post("/v1/domains", tenant.adminKey(), Map.of("name", "bücher.example"))
                        .field("name"))
                .isEqualTo("xn--bcher-kva.example");
        assertThat(api.post("/v1/domains", reader, Map.of("name", uniqueDomain()))
                        .status())
                .isEqualTo(403);
        String id = api.post("/v1/domains", tenant.adminKey(), Map.of("name", uniqueDomain()))
                .field("id");
        assertThat(api.get("/v1/domains/" + id, fixtures.tenant("free").adminKey())
                        .status())
                .isEqualTo(404);
        Api.Response sso = api.patch("/v1/domains/" + id, tenant.adminKey(), Map.of("ssoRequired", true));
        assertThat(sso.json().path("ssoRequired").asBoolean()).isTrue();
        assertThat(api.get("/v1/domains", reader).json().path("data")).hasSize(2);
        assertThat(api.delete("/v1/domains/" + id, tenant.adminKey()).status()).isEqualTo(204);
    }

    private static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    }
}
