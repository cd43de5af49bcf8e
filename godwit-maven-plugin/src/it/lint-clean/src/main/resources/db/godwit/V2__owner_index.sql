-- godwit:no-transaction
create index concurrently accounts_owner on accounts (owner);
