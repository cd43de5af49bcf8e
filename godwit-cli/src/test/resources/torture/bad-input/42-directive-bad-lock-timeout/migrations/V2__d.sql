-- godwit:lock-timeout soon
select 1;
