package dev.roster.compat.aptly;

import static dev.roster.compat.Timestamps.millis;

import dev.roster.directory.Membership;
import dev.roster.directory.Position;
import dev.roster.user.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The manager's summary.
 *
 * @param primaryOrganization the manager's primary group; null when it has none or the caller may not read
 *     groups
 * @param managerName the name of the manager's own manager
 */
@Schema(name = "AptlyManager")
record AptlyManager(
        UUID id,
        String userId,
        String descopeUserId,
        String name,
        String email,
        String firstName,
        String lastName,
        String mobilePhone,
        String profileImageUrl,
        String createdOn,
        String updatedOn,
        List<AptlyUserPosition> userPositions,
        AptlyPrimaryOrganization primaryOrganization,
        String managerName,
        String managerProfileImageUrl) {

    static AptlyManager of(User user, List<Membership> groups, List<Position> positions) {
        return new AptlyManager(
                user.id().value(),
                user.externalId(),
                null,
                user.displayName(),
                user.email(),
                user.firstName(),
                user.lastName(),
                user.mobilePhone(),
                null,
                millis(user.createdAt()),
                millis(user.updatedAt()),
                AptlyUserPosition.of(user, positions),
                groups.stream()
                        .filter(Membership::isPrimary)
                        .findFirst()
                        .map(m -> new AptlyPrimaryOrganization(
                                m.group().name(), null, m.group().type()))
                        .orElse(null),
                user.manager() == null ? null : user.manager().name(),
                null);
    }
}
