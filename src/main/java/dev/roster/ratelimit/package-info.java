/**
 * Rate limits: a token bucket per credential and one per organization, sized by the organization's plan, with
 * {@code RateLimit-*} headers on every answer and 429 beyond. In memory on one node, or shared through PostgreSQL
 * (Bucket4j) when several nodes serve one database.
 */
package dev.roster.ratelimit;
