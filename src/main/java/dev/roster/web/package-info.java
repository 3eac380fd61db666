/**
 * The pages people see: accepting an invitation and signing in. Server-rendered HTML that works without
 * JavaScript, calling the same services as the API.
 */
package dev.roster.web;
