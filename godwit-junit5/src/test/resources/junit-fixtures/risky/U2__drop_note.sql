-- Forgets to add the column back: the rollback check must notice.
select 1;
