insert into accounts values (3, 'café');
