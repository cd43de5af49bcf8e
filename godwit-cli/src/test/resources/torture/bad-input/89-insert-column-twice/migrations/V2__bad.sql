insert into accounts (id, owner, id) values (101, 'x', 102);
