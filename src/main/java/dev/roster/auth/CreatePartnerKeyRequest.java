package dev.roster.auth;

/** @param name who the partner is, shown in lists */
public record CreatePartnerKeyRequest(String name) {}
