-- godwit:allow require-concurrent-index
create index on accounts (owner);
