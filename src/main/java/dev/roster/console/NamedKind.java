package dev.roster.console;

/**
 * How the console shows one kind of the organization's named things (environments, groups, positions), for the
 * two templates they share.
 *
 * @param path the list's path; {@code path/{id}} is one thing's page
 * @param singular what one is called, such as "group"
 * @param typed whether a thing has a type label besides its name (groups: Department, Team...)
 * @param counted whether the list counts each thing's members (groups)
 * @param intro what the things are for, in a sentence
 */
record NamedKind(String path, String title, String singular, boolean typed, boolean counted, String intro) {}
