package dev.godwit.config;

import java.util.List;

/**
 * What runs around a migration run: {@code [[hooks]]} (commands and SQL files at named points) and
 * {@code [[notify]]} (webhooks). An environment's own list replaces the top-level one (docs/hooks.md).
 */
public record AroundSettings(List<HookSpec> hooks, List<NotifySpec> webhooks) {

    public AroundSettings {
        hooks = List.copyOf(hooks);
        webhooks = List.copyOf(webhooks);
    }

    public static AroundSettings none() {
        return new AroundSettings(List.of(), List.of());
    }
}
