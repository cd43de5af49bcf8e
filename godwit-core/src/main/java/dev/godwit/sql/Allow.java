package dev.godwit.sql;

/**
 * {@code -- godwit:allow <rule-id> because <reason>}: a lint finding the author has accepted, with why.
 *
 * @param line           1-based line of the directive
 * @param statementIndex the index in {@link SqlScript#statements()} of the statement it allows, or -1 when it
 *                       stands before the first statement and so allows the rule for the whole file
 */
public record Allow(String ruleId, String reason, int line, int statementIndex) {}
