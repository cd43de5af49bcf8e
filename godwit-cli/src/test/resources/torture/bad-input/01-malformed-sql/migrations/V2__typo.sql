create tabel ledger (id int);
