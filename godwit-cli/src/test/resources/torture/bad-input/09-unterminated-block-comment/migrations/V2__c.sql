/* to do:
create table later (id int);
