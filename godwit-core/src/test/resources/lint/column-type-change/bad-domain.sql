CREATE TABLE payments (id bigint PRIMARY KEY, reference text);
-- godwit-test:next-file
-- Godwit cannot tell whether reference_text is a domain without constraints: medium
-- expect: 1
ALTER TABLE payments ALTER COLUMN reference TYPE reference_text;
