package dev.godwit.config;

/**
 * One table of {@code godwit.toml}, as a record whose components are its keys (camelCase here,
 * snake_case in the file). A component that is null was not set in that table. Registered in
 * {@link Sections}; {@link SectionBinder} does the reading, so a new section is a new record.
 */
interface Section {

    /** Rules a value must follow beyond its type, e.g. "at least 1"; {@code where} names the table. */
    default void check(Where where) throws ConfigException {}
}
