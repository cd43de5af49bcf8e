-- expect: 2
DROP SCHEMA IF EXISTS billing, reporting CASCADE;
