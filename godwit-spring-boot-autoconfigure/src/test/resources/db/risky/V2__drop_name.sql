alter table accounts drop column name;
