package dev.godwit.config;

import java.util.Objects;

/**
 * One user-defined invariant: a query and what its result must show.
 *
 * @param origin where it was defined, for messages: {@code godwit.toml} or {@code V7__x.sql:3}
 */
public record InvariantSpec(String name, String sql, Expectation expect, String origin) {

    public InvariantSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(origin, "origin");
    }
}
