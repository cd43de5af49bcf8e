package dev.godwit.sql;

/**
 * {@code -- godwit:expect-change <target> <range>}: how much the author expects something (say a table's row
 * count) to change. Stored as written; the integrity package reads the range.
 */
public record ExpectChange(String target, String range, int line) {}
