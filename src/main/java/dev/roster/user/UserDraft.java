package dev.roster.user;

import dev.roster.shared.UserId;
import java.util.Map;

/** A user's writable fields after every rule has been checked: what the repository inserts or updates. */
record UserDraft(
        Email email,
        String firstName,
        String lastName,
        String name,
        String mobilePhone,
        boolean allowPasswordAuth,
        boolean sendInvitation,
        Map<String, Object> metadata,
        String externalId,
        UserId managerId) {

    UserDraft withNames(String newFirstName, String newLastName) {
        return new UserDraft(
                email,
                newFirstName,
                newLastName,
                name,
                mobilePhone,
                allowPasswordAuth,
                sendInvitation,
                metadata,
                externalId,
                managerId);
    }

    static UserDraft of(User user) {
        return new UserDraft(
                new Email(user.email()),
                user.firstName(),
                user.lastName(),
                user.name(),
                user.mobilePhone(),
                user.allowPasswordAuth(),
                user.sendInvitation(),
                user.metadata(),
                user.externalId(),
                user.managerId());
    }
}
