package dev.godwit.config;

import java.time.Duration;
import java.util.Optional;

/** {@code [backfill]}: the canary query of batched backfills (docs/backfills.md#throttling). */
record BackfillSection(String canaryQuery, Duration canaryMax) implements Section {

    @Override
    public void check(Where where) throws ConfigException {
        if (canaryQuery != null && canaryQuery.isBlank()) {
            throw new ConfigException(where.key("canary_query") + " is empty: give a query such as \"select 1 from"
                    + " accounts where id = 1\", or remove the key");
        }
        if (canaryMax != null && (canaryMax.isZero() || canaryMax.isNegative())) {
            throw new ConfigException(where.key("canary_max") + " must be more than 0, such as \"50ms\"");
        }
    }

    static BackfillSettings resolve(BackfillSection s) {
        if (s == null) {
            return BackfillSettings.defaults();
        }
        return new BackfillSettings(Optional.ofNullable(s.canaryQuery()).map(String::strip),
                s.canaryMax() == null ? BackfillSettings.DEFAULT_CANARY_MAX : s.canaryMax());
    }
}
