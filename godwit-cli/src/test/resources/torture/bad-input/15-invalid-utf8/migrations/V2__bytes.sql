insert into accounts values (3, 'cafÃ');
