-- Dropping a column breaks the running application's queries that still name it.
alter table accounts drop column note;
