-- expect: 1
REINDEX SCHEMA billing;
