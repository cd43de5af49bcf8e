-- godwit:no-transactoin
select 1;
