/**
 * Roster: the members of every organization of a SaaS product. One package per feature; see DESIGN.md for the
 * layout and the rules each feature keeps.
 */
package dev.roster;
