package dev.godwit.config;

/** {@code [safety]}: what Godwit does when a run fails, and which destroyed data it keeps a copy of. */
record SafetySection(String onFailure, String snapshot, Integer snapshotRowLimit) implements Section {

    @Override
    public void check(Where where) throws ConfigException {
        if (onFailure != null) {
            SafetySettings.OnFailure.parse(onFailure).orElseThrow(() -> new ConfigException(where.key("on_failure")
                    + " must be \"rollback-run\" or \"stop\", not \"" + onFailure + "\""));
        }
        if (snapshot != null) {
            SafetySettings.SnapshotMode.parse(snapshot).orElseThrow(() -> new ConfigException(where.key("snapshot")
                    + " must be \"auto\", \"always\" or \"never\", not \"" + snapshot + "\""));
        }
        if (snapshotRowLimit != null && snapshotRowLimit < 0) {
            throw new ConfigException(where.key("snapshot_row_limit") + " must be 0 or more, not " + snapshotRowLimit);
        }
    }
}
