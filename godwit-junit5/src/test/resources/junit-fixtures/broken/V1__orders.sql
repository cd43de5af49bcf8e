create table orders (id bigint primary key);

insert into customers (id) values (1);
