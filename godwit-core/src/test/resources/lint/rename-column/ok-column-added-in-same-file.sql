ALTER TABLE accounts ADD COLUMN memo_draft text;
ALTER TABLE accounts RENAME COLUMN memo_draft TO memo;
