import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the result files of one bench/run (Roster's and Keycloak's) and writes the side-by-side table as Markdown:
 * for each scenario both systems ran, server + PostgreSQL CPU per request, requests/s and p95, with ratios; then
 * Roster's own scenarios. This table is what docs/performance.md shows.
 */
final class Compare {

    record Row(String scenario, int clients, double rps, double p50, double p95, double p99, double server,
            double postgres, double generator) {

        double cpu() {
            return server + postgres;
        }
    }

    static void main(Map<String, String> args) throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, Row> roster = read(Path.of(args.get("roster")), "roster.", facts);
        Map<String, Row> keycloak = args.containsKey("keycloak") && Files.exists(Path.of(args.get("keycloak")))
                ? read(Path.of(args.get("keycloak")), "keycloak.", facts)
                : Map.of();
        StringBuilder md = new StringBuilder();
        if (!keycloak.isEmpty()) {
            md.append("| scenario | clients | Roster CPU µs/req (server + PostgreSQL) | Keycloak CPU µs/req | CPU ratio"
                    + " | Roster req/s | Keycloak req/s | throughput ratio | Roster p95 ms | Keycloak p95 ms |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|\n");
            for (var entry : roster.entrySet()) {
                Row r = entry.getValue();
                Row k = keycloak.get(entry.getKey());
                if (k == null) {
                    continue;
                }
                md.append(String.format("| %s | %d | %,.0f (%,.0f + %,.0f) | %,.0f (%,.0f + %,.0f) | %.1f x | %,.0f |"
                                + " %,.0f | %.1f x | %.2f | %.2f |%n",
                        r.scenario, r.clients, r.cpu(), r.server, r.postgres, k.cpu(), k.server, k.postgres,
                        k.cpu() / r.cpu(), r.rps, k.rps, r.rps / k.rps, r.p95, k.p95));
            }
            md.append('\n');
        }
        md.append("| Roster scenario | clients | CPU µs/req (server + PostgreSQL) | req/s | p50 ms | p95 ms | p99 ms |"
                + " generator µs/req |\n|---|---|---|---|---|---|---|---|\n");
        for (var entry : roster.entrySet()) {
            Row r = entry.getValue();
            if (keycloak.containsKey(entry.getKey())) {
                continue;
            }
            md.append(String.format("| %s | %d | %,.0f (%,.0f + %,.0f) | %,.0f | %.2f | %.2f | %.2f | %.0f |%n",
                    r.scenario, r.clients, r.cpu(), r.server, r.postgres, r.rps, r.p50, r.p95, r.p99, r.generator));
        }
        md.append('\n');
        facts.forEach((name, value) -> md.append("- ").append(name).append(": ").append(value).append('\n'));
        Path out = Path.of(args.get("out"));
        Files.writeString(out, md);
        System.out.println();
        System.out.print(md);
        System.out.println("Wrote " + out);
    }

    static Map<String, Row> read(Path file, String prefix, Map<String, String> facts) throws Exception {
        Map<String, Row> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            String[] f = line.split("\t");
            if (line.startsWith("# ")) {
                facts.put(prefix + f[0].substring(2), f[1]);
                continue;
            }
            Row row = new Row(f[1], Integer.parseInt(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]), d(f[8]),
                    d(f[9]));
            rows.put(row.scenario + "@" + row.clients, row);
        }
        return rows;
    }

    static double d(String text) {
        return Double.parseDouble(text);
    }
}
