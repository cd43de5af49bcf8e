-- godwit:expect-change accounts.rows lots
select 1;
