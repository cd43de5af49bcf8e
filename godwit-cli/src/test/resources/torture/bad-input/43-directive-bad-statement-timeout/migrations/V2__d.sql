-- godwit:statement-timeout -5s
select 1;
