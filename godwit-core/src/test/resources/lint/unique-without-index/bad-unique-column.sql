-- expect: 1
ALTER TABLE accounts ADD COLUMN external_ref uuid UNIQUE;
