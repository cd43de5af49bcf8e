\set owner accounts
select 1;
