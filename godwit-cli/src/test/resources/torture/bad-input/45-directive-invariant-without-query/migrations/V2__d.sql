-- godwit:invariant balances
select 1;
