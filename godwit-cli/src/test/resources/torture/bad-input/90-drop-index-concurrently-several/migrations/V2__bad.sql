-- godwit:no-transaction
drop index concurrently if exists accounts_a, accounts_b;
