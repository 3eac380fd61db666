/**
 * The hosted pages people see, and what they need behind them: accepting an invitation, signing in, the first
 * sign-in with a temporary password, and resetting a forgotten password. Server-rendered HTML that works without
 * JavaScript, calling the same services as the API.
 */
package dev.roster.login;
