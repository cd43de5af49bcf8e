package dev.godwit.snapshot;

import dev.godwit.config.SafetySettings.SnapshotMode;

/** Where a statement comes from and the settings its copies are taken under. */
record Origin(SnapshotMode mode, long rowLimit, String runId, String version, String script, int line) {}
