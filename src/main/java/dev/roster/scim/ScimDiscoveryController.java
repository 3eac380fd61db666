package dev.roster.scim;

import dev.roster.shared.ProblemException;
import dev.roster.shared.RosterProperties;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents (RFC 7644 section 4): what Roster implements, said as it is (patch, filter with
 * maxResults, etag; no bulk, no sort; bearer and basic), from the JSON files under {@code scim/}.
 */
@Hidden
@RestController
@RequestMapping("/scim/v2")
class ScimDiscoveryController {

    private final ObjectNode serviceProviderConfig;
    private final ArrayNode resourceTypes;
    private final ArrayNode schemas;
    private final JsonMapper json;

    ScimDiscoveryController(JsonMapper json, RosterProperties properties) {
        this.json = json;
        String base = properties.publicUrl().replaceAll("/+$", "") + "/scim/v2";
        this.serviceProviderConfig = (ObjectNode) read("ServiceProviderConfig.json");
        ((ObjectNode) serviceProviderConfig.get("meta")).put("location", base + "/ServiceProviderConfig");
        this.resourceTypes = (ArrayNode) read("ResourceTypes.json");
        resourceTypes.forEach(type -> ((ObjectNode) type.get("meta"))
                .put("location", base + "/ResourceTypes/" + type.get("id").asString()));
        this.schemas = (ArrayNode) read("Schemas.json");
        schemas.forEach(schema -> ((ObjectNode) schema.get("meta"))
                .put("location", base + "/Schemas/" + schema.get("id").asString()));
    }

    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<JsonNode> serviceProviderConfig() {
        return ok(serviceProviderConfig);
    }

    @GetMapping("/ResourceTypes")
    ResponseEntity<JsonNode> resourceTypes() {
        return ok(list(resourceTypes));
    }

    @GetMapping("/ResourceTypes/{id}")
    ResponseEntity<JsonNode> resourceType(@PathVariable String id) {
        return ok(find(resourceTypes, id, "Resource type"));
    }

    @GetMapping("/Schemas")
    ResponseEntity<JsonNode> schemas() {
        return ok(list(schemas));
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<JsonNode> schema(@PathVariable String id) {
        return ok(find(schemas, id, "Schema"));
    }

    private ObjectNode list(ArrayNode resources) {
        ObjectNode list = json.createObjectNode();
        ScimLists.fill(list, resources.size(), 1);
        list.put("itemsPerPage", resources.size());
        list.set("Resources", resources);
        return list;
    }

    private static JsonNode find(ArrayNode resources, String id, String what) {
        for (JsonNode resource : resources) {
            if (resource.get("id").asString().equalsIgnoreCase(id)) {
                return resource;
            }
        }
        throw ProblemException.notFound(what);
    }

    private static ResponseEntity<JsonNode> ok(JsonNode body) {
        return ResponseEntity.ok().contentType(ScimErrorDialect.SCIM_JSON).body(body);
    }

    private JsonNode read(String name) {
        try (InputStream in = new ClassPathResource("scim/" + name).getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
