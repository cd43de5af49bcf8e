create table accounts (id bigint primary key, note text);
