create table ledger (id int);
