package dev.roster.console;

import dev.roster.shared.Caller;
import dev.roster.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages of one kind of named thing (environments, groups, positions): the list with a form for a new one, one
 * thing's page with its rename form, and deleting it after a confirmation. A subclass maps its path and calls its
 * feature's service, which makes every rule (permissions, unique names, a thing still in use).
 */
abstract class NamedThingsController {

    private static final Map<String, String> DONE = Map.of(
            "created", "It was created.",
            "saved", "It was saved.",
            "deleted", "It was deleted.");

    private final NamedKind kind;

    NamedThingsController(NamedKind kind) {
        this.kind = kind;
    }

    abstract Page<NamedRow> page(Caller caller, String cursor);

    abstract NamedRow find(Caller caller, UUID id);

    abstract UUID create(Caller caller, String name, String type);

    abstract void rename(Caller caller, UUID id, String name, String type);

    abstract void delete(Caller caller, UUID id);

    /** Whether the caller may create, rename and delete these things (on this one, when {@code id} is given). */
    abstract boolean manages(Caller caller, UUID id);

    @GetMapping
    String list(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done,
            Model model) {
        model.addAttribute("done", Forms.done(DONE, done));
        return list(caller, Forms.blankToNull(cursor), model);
    }

    @PostMapping
    String create(
            Caller caller,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String type,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> ConsoleAdvice.redirect(
                        response, kind.path() + "/" + create(caller, name, Forms.blankToNull(type)) + "?done=created"),
                () -> {
                    model.addAttribute("name", name);
                    model.addAttribute("type", type);
                    return list(caller, null, model);
                });
    }

    @GetMapping("/{id}")
    String show(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String done, Model model) {
        NamedRow row = find(caller, id);
        model.addAttribute("done", Forms.done(DONE, done));
        return item(caller, row, row.name(), row.type(), model);
    }

    @PostMapping("/{id}")
    String rename(
            Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String type,
            HttpServletResponse response,
            Model model) {
        return Forms.submit(
                response,
                model,
                () -> rename(caller, id, name, Forms.blankToNull(type)),
                kind.path() + "/" + id + "?done=saved",
                () -> item(caller, find(caller, id), name, type, model));
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(Caller caller, @PathVariable UUID id, Model model) {
        model.addAttribute("confirmation", deleting(find(caller, id)));
        return "console/confirm";
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, HttpServletResponse response, Model model) {
        return Forms.submit(response, model, () -> delete(caller, id), kind.path() + "?done=deleted", () -> {
            NamedRow row = find(caller, id);
            return item(caller, row, row.name(), row.type(), model);
        });
    }

    private String list(Caller caller, String cursor, Model model) {
        Page<NamedRow> page = page(caller, cursor);
        model.addAttribute("kind", kind);
        model.addAttribute("rows", page.data());
        model.addAttribute("manage", manages(caller, null));
        Forms.pages(model, kind.path(), Map.of(), cursor, page.nextCursor());
        return "console/named-list";
    }

    private String item(Caller caller, NamedRow row, String name, String type, Model model) {
        boolean manage = manages(caller, row.id());
        model.addAttribute("kind", kind);
        model.addAttribute("row", row);
        model.addAttribute("name", name);
        model.addAttribute("type", type);
        model.addAttribute("manage", manage);
        model.addAttribute("deleting", manage ? deleting(row) : null);
        return "console/named";
    }

    private Confirmation deleting(NamedRow row) {
        return new Confirmation(
                "Delete the " + kind.singular() + " " + row.name() + "?",
                "This cannot be undone.",
                kind.path() + "/" + row.id() + "/delete",
                "Delete",
                kind.path() + "/" + row.id());
    }
}
