package dev.godwit.config;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code [database]}: where to connect and where Godwit keeps its own tables. {@code migration_url}, when set, is
 * the URL Godwit itself uses (a direct or session-pooled one) while {@code url} (or DATABASE_URL) stays the
 * application's, which may go through a transaction-mode pooler that a session lock cannot work through.
 */
record DatabaseSection(String url, String schema, String migrationUrl) implements Section {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    @Override
    public void check(Where where) throws ConfigException {
        if (schema != null) {
            checkSchema(schema, where.key("schema"));
        }
    }

    /**
     * Godwit's schema name goes into every statement it writes about its own tables, so it must be a plain
     * identifier PostgreSQL accepts for a schema: letters, digits, _ and $, at most 63 bytes, and not pg_*.
     */
    static void checkSchema(String schema, String what) throws ConfigException {
        if (!IDENTIFIER.matcher(schema).matches() || schema.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new ConfigException(what + " must be a schema name (a letter or _, then letters, digits, _ or $;"
                    + " at most 63 characters), not '" + schema + "'");
        }
        if (schema.toLowerCase(java.util.Locale.ROOT).startsWith("pg_")) {
            throw new ConfigException(what + " must not start with pg_ (PostgreSQL reserves those names for"
                    + " system schemas), not '" + schema + "'");
        }
    }
}
