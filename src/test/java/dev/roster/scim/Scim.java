package dev.roster.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.shared.Caller;
import dev.roster.shared.Grants;
import dev.roster.shared.Permission;
import dev.roster.support.Api;
import dev.roster.support.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A SCIM client for tests: the requests as a directory sends them, with a SCIM token as Bearer or Basic. */
final class Scim {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final int port;
    private final String authorization;

    private Scim(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    static Scim bearer(int port, String token) {
        return new Scim(port, "Bearer " + token);
    }

    static Scim basic(int port, String user, String token) {
        return new Scim(
                port,
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8)));
    }

    static Scim with(int port, String authorization) {
        return new Scim(port, authorization);
    }

    /** A new organization's SCIM token, made with its admin key; returns the secret. */
    static String token(Api api, String adminKey) {
        Api.Response created = api.post("/v1/scim-tokens", adminKey, Map.of("name", "Okta"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.field("token");
    }

    Api.Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    /** GET with a filter, encoded as a directory would. */
    Api.Response find(String resource, String filter) {
        return get("/" + resource + "?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    }

    Api.Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    Api.Response put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    Api.Response patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    /** A PatchOp body of these operations. */
    static Map<String, Object> ops(Object... operations) {
        return Map.of("schemas", java.util.List.of(ScimPatch.SCHEMA), "Operations", java.util.List.of(operations));
    }

    Api.Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    Api.Response send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/scim/v2" + path))
                .timeout(Duration.ofSeconds(120));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/scim+json");
        }
        headers.forEach(request::header);
        String text = body == null ? null : body instanceof String raw ? raw : JSON.writeValueAsString(body);
        request.method(
                method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        try {
            return new Api.Response(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The caller a SCIM token of this organization authenticates as, for calling the services directly. */
    static Caller caller(Fixtures.Tenant tenant) {
        return new Caller(
                Caller.Kind.SCIM,
                UUID.randomUUID(),
                UUID.fromString(tenant.organizationId()),
                new Grants(Permission.all(), Map.of()));
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }
}
