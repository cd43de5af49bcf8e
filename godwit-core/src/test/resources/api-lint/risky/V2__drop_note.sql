-- A comment first, so the finding's line is not the file's first.
alter table accounts drop column note;
