package dev.godwit.config;

/** {@code [report]}: where run reports are written. */
record ReportSection(String dir) implements Section {

    @Override
    public void check(Where where) throws ConfigException {
        if (dir != null && dir.isBlank()) {
            throw new ConfigException(where.key("dir") + " must name a folder, such as \"reports\"");
        }
    }
}
