insert into accounts values (1, 'again');
