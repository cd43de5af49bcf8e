package dev.godwit.migration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How migration files are laid out: {@code [migrations] format}. {@link #AUTO} reads each file by what it is, but
 * refuses a folder that mixes tools (Flyway and golang-migrate names excepted: Godwit has always read both) and
 * any file it cannot place, so that a file is never read the wrong way or skipped.
 */
public enum MigrationFormat {
    AUTO("auto"),
    /** {@code V1__x.sql}, {@code U1__x.sql}, {@code R__x.sql}. */
    FLYWAY("flyway"),
    /** {@code 0001_x.up.sql} and {@code 0001_x.down.sql}. */
    GOLANG_MIGRATE("golang-migrate"),
    /** One file {@code 00001_x.sql} with {@code -- +goose Up} and {@code -- +goose Down} sections. */
    GOOSE("goose"),
    /** One file {@code 20230101120000_x.sql} with {@code -- migrate:up} and {@code -- migrate:down} sections. */
    DBMATE("dbmate"),
    /** {@code 0001_x.sql} (up only), or {@code 0001_x.up.sql} and {@code 0001_x.down.sql}. */
    SQLX("sqlx"),
    /** Folders {@code 2023-01-01-120000_x/} holding {@code up.sql}, {@code down.sql} and maybe {@code metadata.toml}. */
    DIESEL("diesel"),
    /** {@code 20230101120000_x.sql} (up only) in a folder with Atlas's {@code atlas.sum}, which is verified. */
    ATLAS("atlas"),
    /** {@code 001_x.sql} starting with {@code --liquibase formatted sql}: each {@code --changeset} a migration. */
    LIQUIBASE("liquibase");

    private final String configName;

    MigrationFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<MigrationFormat> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.configName.equals(t)).findFirst();
    }

    /** "auto", "flyway", …: the words {@code [migrations] format} takes, for messages. */
    public static String words() {
        return String.join(", ", Arrays.stream(values()).map(f -> "\"" + f.configName + "\"").toList());
    }
}
