create schema godwit;
create table godwit.history (id int);
