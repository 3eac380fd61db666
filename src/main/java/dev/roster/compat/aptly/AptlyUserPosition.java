package dev.roster.compat.aptly;

import dev.roster.directory.Position;
import dev.roster.user.User;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * A position the user holds. Roster keeps no id or timestamps for the holding itself, so id, createdOn and
 * updatedOn are null.
 *
 * @param positionsId the position's id
 * @param isSCIMProvisioned true when a SCIM directory provisioned the user who holds it (Roster's {@code
 *     scimManaged}); positions themselves are set only through Roster's API, since SCIM has no position attribute
 */
@Schema(name = "AptlyUserPosition")
record AptlyUserPosition(
        UUID id,
        UUID userId,
        UUID tenantId,
        UUID positionsId,
        boolean autoProvisioned,
        boolean isEditable,
        boolean isDeleted,
        String deletedOn,
        String createdOn,
        String updatedOn,
        String positionName,
        boolean isSCIMProvisioned) {

    static List<AptlyUserPosition> of(User user, List<Position> positions) {
        return positions.stream()
                .map(p -> new AptlyUserPosition(
                        null,
                        user.id().value(),
                        user.organizationId().value(),
                        p.id(),
                        false,
                        true,
                        false,
                        null,
                        null,
                        null,
                        p.name(),
                        user.scimManaged()))
                .toList();
    }
}
