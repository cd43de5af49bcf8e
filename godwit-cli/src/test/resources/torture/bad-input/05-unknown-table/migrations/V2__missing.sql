alter table ledger add column note text;
