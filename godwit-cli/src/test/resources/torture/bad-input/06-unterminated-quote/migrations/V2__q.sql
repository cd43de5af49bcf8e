insert into accounts values (1, 'open);
