-- expect: 2
ALTER TABLE accounts ADD COLUMN seq serial, ADD COLUMN code text DEFAULT make_code();
