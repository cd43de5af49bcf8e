package dev.godwit.config;

import java.util.Map;

/**
 * {@code [placeholders]}: free-form {@code name = "value"} pairs substituted into migrations. Values are
 * strings only, so that {@code ${n}} always means the same text whoever reads the file.
 */
record PlaceholdersSection(Map<String, String> values) implements Section {}
