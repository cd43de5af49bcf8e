-- godwit:phase contract
alter table accounts drop column legacy_code;
