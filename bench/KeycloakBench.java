import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keycloak's side of the comparison, through its admin REST API as a product's backend would call it: a realm per
 * purpose (one that grows with the creates, one of 30,000 users for reads), each with a confidential client whose
 * service account holds realm-management's manage-users, view-users and query-users, and whose access token lives
 * for the whole run. Users are seeded through the API, since Keycloak's tables are its own business.
 */
final class KeycloakBench {

    final LoadGenerator bench;
    final String adminPassword;

    KeycloakBench(LoadGenerator bench) {
        this.bench = bench;
        adminPassword = bench.args.get("admin-password");
    }

    void run() throws Exception {
        System.out.printf("Keycloak: %s, %d cores, %s per step%n", bench.url, Runtime.getRuntime().availableProcessors(),
                bench.step);
        String admin = adminToken();
        String creates = realm(admin, "bench-create");
        String reads = realm(admin, "bench-read");
        long seedStart = System.nanoTime();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        bench.parallel(bench.compared, 16, (c, i) -> ids.add(create(c, "bench-read", reads)));
        System.out.printf("Seeded %,d users through the admin API in %.1f s%n", ids.size(),
                (System.nanoTime() - seedStart) / 1e9);
        int pages = bench.compared / RosterBench.PAGE;

        String size = String.format("%,d users", bench.compared);
        Map<String, LoadGenerator.Scenario> compare = new LinkedHashMap<>();
        compare.put("create user (no email)", c -> create(c, "bench-create", creates));
        compare.put("get user by id", c -> get(c, "/admin/realms/bench-read/users/" + RosterBench.any(ids), reads));
        compare.put("list 20, first page (" + size + ")",
                c -> get(c, "/admin/realms/bench-read/users?first=0&max=20", reads));
        compare.put("list 20, random page (" + size + ")", c -> get(c, "/admin/realms/bench-read/users?first="
                + ThreadLocalRandom.current().nextInt(pages) * RosterBench.PAGE + "&max=20", reads));

        bench.warmUp(compare, Integer.parseInt(bench.args.getOrDefault("warm-up", "30000")));
        for (var scenario : compare.entrySet()) {
            bench.measure(scenario.getKey(), scenario.getValue());
        }
        long rss = bench.rssKiB();
        System.out.printf("Keycloak RSS after the run: %d MiB%n", rss / 1024);
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("rssMiB", Long.toString(rss / 1024));
        facts.put("startupSeconds", bench.args.getOrDefault("startup-seconds", "?"));
        facts.put("version", bench.args.getOrDefault("version", "?"));
        bench.write("keycloak", facts);
    }

    /** Creates a user as a backend would (username, email, names, enabled) and answers its id. */
    String create(LoadGenerator.Client c, String realm, String token) throws Exception {
        String email = LoadGenerator.unique("k");
        String body = "{\"username\":\"" + email + "\",\"email\":\"" + email
                + "\",\"firstName\":\"Bench\",\"lastName\":\"User\",\"enabled\":true}";
        LeanHttp.Response created = LoadGenerator.expect(
                c.http.post("/admin/realms/" + realm + "/users", token, "application/json", body), 201);
        return created.location().substring(created.location().lastIndexOf('/') + 1);
    }

    static void get(LoadGenerator.Client c, String path, String token) throws Exception {
        LoadGenerator.expect(c.http.get(path, token), 200);
    }

    String adminToken() throws Exception {
        return token("master", "grant_type=password&client_id=admin-cli&username=admin&password=" + adminPassword);
    }

    String token(String realm, String form) throws Exception {
        try (LeanHttp http = new LeanHttp(bench.url)) {
            LeanHttp.Response r = http.send("POST", "/realms/" + realm + "/protocol/openid-connect/token", null,
                    "application/x-www-form-urlencoded", form);
            return LoadGenerator.field(LoadGenerator.expect(r, 200).body(), "access_token");
        }
    }

    /**
     * A realm whose access tokens last two hours, with a client "bench" whose service account may manage users,
     * and that client's token.
     */
    String realm(String admin, String name) throws Exception {
        try (LeanHttp http = new LeanHttp(bench.url)) {
            LoadGenerator.expect(http.post("/admin/realms", admin, "application/json",
                    "{\"realm\":\"" + name + "\",\"enabled\":true,\"accessTokenLifespan\":7200}"), 201);
            String base = "/admin/realms/" + name;
            LoadGenerator.expect(http.post(base + "/clients", admin, "application/json",
                    "{\"clientId\":\"bench\",\"secret\":\"bench-secret\",\"serviceAccountsEnabled\":true,"
                            + "\"publicClient\":false,\"standardFlowEnabled\":false}"), 201);
            String client = LoadGenerator.field(
                    LoadGenerator.expect(http.get(base + "/clients?clientId=bench", admin), 200).body(), "id");
            String account = LoadGenerator.field(LoadGenerator.expect(
                    http.get(base + "/clients/" + client + "/service-account-user", admin), 200).body(), "id");
            String management = LoadGenerator.field(LoadGenerator.expect(
                    http.get(base + "/clients?clientId=realm-management", admin), 200).body(), "id");
            List<String> roles = new ArrayList<>();
            for (String role : List.of("manage-users", "view-users", "query-users")) {
                roles.add(LoadGenerator.expect(http.get(base + "/clients/" + management + "/roles/" + role, admin),
                        200).body());
            }
            LoadGenerator.expect(http.post(base + "/users/" + account + "/role-mappings/clients/" + management, admin,
                    "application/json", "[" + String.join(",", roles) + "]"), 204);
        }
        return token(name, "grant_type=client_credentials&client_id=bench&client_secret=bench-secret");
    }
}
