-- expect: 1
VACUUM FULL;
