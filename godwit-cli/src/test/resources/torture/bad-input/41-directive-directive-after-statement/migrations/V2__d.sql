select 1;
-- godwit:no-transaction
