create table accounts (id bigint primary key, owner text not null);
insert into accounts select g, 'owner ' || g from generate_series(1, 100) g;
