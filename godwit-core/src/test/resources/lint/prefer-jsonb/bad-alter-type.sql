-- expect: 1
ALTER TABLE payments ALTER COLUMN metadata TYPE json USING metadata::json;
