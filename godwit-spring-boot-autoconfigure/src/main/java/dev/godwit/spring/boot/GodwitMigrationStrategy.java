package dev.godwit.spring.boot;

import dev.godwit.api.Godwit;

/**
 * What happens at start-up instead of {@code godwit.mode}: declare one as a bean to, say, migrate only in one
 * profile or log the plan first. Throwing fails start-up, and the application's database users wait for it.
 */
@FunctionalInterface
public interface GodwitMigrationStrategy {

    void run(Godwit godwit);
}
