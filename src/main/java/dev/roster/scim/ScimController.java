package dev.roster.scim;

import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * /scim/v2/Users and /scim/v2/Groups. Bodies may come as application/scim+json or application/json; answers are
 * always application/scim+json, with the resource's version as its ETag.
 */
@Hidden
@RestController
@RequestMapping("/scim/v2")
class ScimController {

    private final ScimUserService users;
    private final ScimGroupService groups;
    private final JsonMapper json;

    ScimController(ScimUserService users, ScimGroupService groups, JsonMapper json) {
        this.users = users;
        this.groups = groups;
        this.json = json;
    }

    @GetMapping("/Users")
    ResponseEntity<ObjectNode> listUsers(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) Integer startIndex,
            @RequestParam(required = false) Integer count,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        ScimListQuery query = ScimListQuery.of(filter, startIndex, count, attributes, excludedAttributes);
        return ok(users.search(caller, query, json.createObjectNode()));
    }

    @GetMapping("/Users/{id}")
    ResponseEntity<ObjectNode> getUser(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        return tagged(project(users.get(caller, id(id, "User")), attributes, excludedAttributes), HttpStatus.OK);
    }

    @PostMapping("/Users")
    ResponseEntity<ObjectNode> createUser(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        return tagged(users.create(caller, body), HttpStatus.CREATED);
    }

    @PutMapping("/Users/{id}")
    ResponseEntity<ObjectNode> replaceUser(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode body) {
        return tagged(users.replace(caller, id(id, "User"), body, ifMatch), HttpStatus.OK);
    }

    @PatchMapping("/Users/{id}")
    ResponseEntity<ObjectNode> patchUser(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode body) {
        return tagged(users.patch(caller, id(id, "User"), body, ifMatch), HttpStatus.OK);
    }

    @DeleteMapping("/Users/{id}")
    ResponseEntity<Void> deleteUser(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        users.delete(caller, id(id, "User"), ifMatch);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/Groups")
    ResponseEntity<ObjectNode> listGroups(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) Integer startIndex,
            @RequestParam(required = false) Integer count,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        ScimListQuery query = ScimListQuery.of(filter, startIndex, count, attributes, excludedAttributes);
        return ok(groups.search(caller, query, json.createObjectNode()));
    }

    @GetMapping("/Groups/{id}")
    ResponseEntity<ObjectNode> getGroup(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        ScimListQuery query = ScimListQuery.of(null, 1, 0, attributes, excludedAttributes);
        boolean withMembers = query.excluded().stream().noneMatch(a -> a.equalsIgnoreCase("members"));
        return tagged(
                project(groups.get(caller, id(id, "Group"), withMembers), attributes, excludedAttributes),
                HttpStatus.OK);
    }

    @PostMapping("/Groups")
    ResponseEntity<ObjectNode> createGroup(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        return tagged(groups.create(caller, body), HttpStatus.CREATED);
    }

    @PutMapping("/Groups/{id}")
    ResponseEntity<ObjectNode> replaceGroup(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode body) {
        return tagged(groups.replace(caller, id(id, "Group"), body, ifMatch), HttpStatus.OK);
    }

    /** Answered 204, as Entra ID expects; a GET reads the result. */
    @PatchMapping("/Groups/{id}")
    ResponseEntity<Void> patchGroup(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode body) {
        groups.patch(caller, id(id, "Group"), body, ifMatch);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/Groups/{id}")
    ResponseEntity<Void> deleteGroup(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        groups.delete(caller, id(id, "Group"), ifMatch);
        return ResponseEntity.noContent().build();
    }

    private static ObjectNode project(ObjectNode resource, String attributes, String excluded) {
        return ScimJson.project(resource, ScimJson.list(attributes), ScimJson.list(excluded));
    }

    private static ResponseEntity<ObjectNode> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(ScimErrorDialect.SCIM_JSON).body(body);
    }

    private static ResponseEntity<ObjectNode> tagged(ObjectNode resource, HttpStatus status) {
        var answer = ResponseEntity.status(status).contentType(ScimErrorDialect.SCIM_JSON);
        String version = resource.path("meta").path("version").asString(null);
        if (version != null) {
            answer.eTag(version);
        }
        String location = resource.path("meta").path("location").asString(null);
        if (status == HttpStatus.CREATED && location != null) {
            answer.location(URI.create(location));
        }
        return answer.body(resource);
    }

    /** An id that is not a UUID names no resource: 404, as an unknown one. */
    private static UUID id(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what);
        }
    }
}
