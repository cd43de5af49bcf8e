-- validated earlier in the same file (its scan is the check-not-valid rule's business)
ALTER TABLE accounts ADD CONSTRAINT iban_present CHECK ((iban IS NOT NULL) AND length(iban) > 4);
ALTER TABLE accounts ALTER COLUMN iban SET NOT NULL;
