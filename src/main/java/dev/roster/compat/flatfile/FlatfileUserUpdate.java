package dev.roster.compat.flatfile;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of Flatfile's update user. Flatfile's other field, dashboard, is refused (400): Roster keeps no dashboard
 * setting.
 *
 * @param name the user's new name; null clears it, leaving it out keeps it
 */
@Schema(name = "FlatfileUserUpdate")
record FlatfileUserUpdate(String name) {}
