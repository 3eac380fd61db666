package dev.roster.invitation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * What a bulk invitation did for each address, in the order given.
 *
 * @param invited how many were invited
 * @param seatsAvailable the seats that were free before (null when the plan has no limit): when the plan filled,
 *     how many of the addresses could fit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkInvitationResult(int invited, Integer seatsAvailable, List<Entry> results) {

    /**
     * One address's outcome.
     *
     * @param status invited, added (made active without an invitation: its email's domain requires SSO, so it signs
     *     in there), already_member (a live user has the email), seats_full, or invalid
     * @param userId the new user, when invited or added
     * @param code and detail the reason, as the single-user API would give it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String email, String status, UUID userId, String code, String detail) {}
}
