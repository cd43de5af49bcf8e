package dev.godwit.config;

/** {@code [audit]}: separation of duties for changes (set per environment, e.g. only for production). */
record AuditSection(Boolean requireTicket, Boolean requireDistinctApprover) implements Section {}
