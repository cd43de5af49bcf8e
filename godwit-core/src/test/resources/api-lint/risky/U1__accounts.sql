-- Down scripts undo; migrate's gate never lints them, and neither does lintLocations.
drop table accounts;
