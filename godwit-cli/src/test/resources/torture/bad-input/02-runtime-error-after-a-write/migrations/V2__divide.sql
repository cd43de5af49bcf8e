insert into accounts values (101, 'x');
select 1 / 0;
