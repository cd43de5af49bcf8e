-- expect: 1
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
