-- godwit-test:pg-version 19
ALTER DOMAIN iban VALIDATE CONSTRAINT iban_format;
