/**
 * Flatfile's Users API on Roster: "Create and Invite User" ({@code POST /v1/users/invite}) and the family its
 * navigation lists (list, get, update, delete, resend invite, list, assign and remove roles), with Flatfile's prefixed
 * ids ({@code us_usr_}, {@code us_acc_}, {@code us_env_}, {@code us_rol_}, {@code us_acr_}: the prefix and Roster's own
 * id), its {@code {"data": ...}} answers and its {@code {"errors": [{"key", "message"}]}} errors. The whole family is
 * served under {@code /flatfile}, for a Flatfile client whose base URL is set there; at the root, {@code
 * /v1/users/invite} and paths naming a {@code us_usr_} id answer too, beside Roster's own {@code /v1/users} API.
 */
package dev.roster.compat.flatfile;
