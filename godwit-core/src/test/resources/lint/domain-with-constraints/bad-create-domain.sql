-- expect: 2
CREATE DOMAIN cents AS bigint NOT NULL CHECK (VALUE >= 0);
CREATE DOMAIN iban AS text CHECK (VALUE ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$');
