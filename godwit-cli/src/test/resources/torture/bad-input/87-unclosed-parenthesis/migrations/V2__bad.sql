create table notes (id bigint primary key, body text;
insert into notes values (1, 'a');
