package dev.roster.compat.flatfile;

import dev.roster.shared.Caller;
import dev.roster.shared.ProblemException;
import dev.roster.user.User;
import dev.roster.user.UserQuery;
import dev.roster.user.UserService;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Flatfile's numbered pages of users on Roster's list, in its order: a page is one query that loads only its own
 * rows (PostgreSQL skips those before it), and the count is Roster's count of the same list.
 */
@Component
class FlatfileUserLists {

    private static final int DEFAULT_SIZE = 20;
    private static final int MAX_SIZE = 200;

    /**
     * Flatfile's filters.
     *
     * @param email the user with this address (case-insensitive)
     * @param search a prefix of the email or the name, as Roster's {@code q}
     * @param sortField created_at only: Roster lists users oldest first
     * @param sortDirection asc only
     */
    record Query(String email, String search, String sortField, String sortDirection) {}

    private final UserService users;

    FlatfileUserLists(UserService users) {
        this.users = users;
    }

    FlatfileUserPage list(Caller caller, Query query, Integer pageSize, Integer pageNumber) {
        int size = bounded("pageSize", pageSize, DEFAULT_SIZE, MAX_SIZE);
        int number = bounded("pageNumber", pageNumber, 1, Integer.MAX_VALUE);
        UserQuery roster = roster(query);
        List<User> page = users.listAt(caller, null, roster, (long) (number - 1) * size, size);
        long total = users.count(caller, null, roster);
        return new FlatfileUserPage(
                page.stream().map(FlatfileUser::of).toList(),
                new FlatfileUserPage.Pagination(number, (total + size - 1) / size, total));
    }

    private static UserQuery roster(Query query) {
        if (query.sortField() != null && !query.sortField().equals("created_at")) {
            throw ProblemException.invalid("sortField", "must be created_at: Roster lists users oldest first");
        }
        if (query.sortDirection() != null && !query.sortDirection().equals("asc")) {
            throw ProblemException.invalid("sortDirection", "must be asc: Roster lists users oldest first");
        }
        if (query.email() != null && query.search() != null) {
            throw ProblemException.invalid("search", "give email or search, not both");
        }
        return new UserQuery(null, null, query.search(), query.email(), null, null);
    }

    private static int bounded(String field, Integer given, int fallback, int max) {
        if (given == null) {
            return fallback;
        }
        if (given < 1 || given > max) {
            throw ProblemException.invalid(
                    field, max == Integer.MAX_VALUE ? "must be 1 or more" : "must be 1 to " + max);
        }
        return given;
    }
}
