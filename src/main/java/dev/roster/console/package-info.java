/**
 * The admin console under {@code /console}: server-rendered pages for an organization's members and its pending
 * invitations, working without JavaScript. A page acts as the signed-in member's {@link dev.roster.shared.Caller}
 * (from the browser session of the hosted login) through the features' own services, so every permission, seat
 * and escalation rule is the API's; an action the member may not take is left off the page.
 */
package dev.roster.console;
