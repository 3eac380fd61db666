/**
 * Imports: a CSV file of up to 10,000 people (email, names, roles, groups, manager) checked up front, then created
 * and invited in the background, one row per transaction through the user service, by whichever node claims the
 * rows, as the credential that started the import is at that moment; managers are linked in a second pass.
 */
package dev.roster.imports;
