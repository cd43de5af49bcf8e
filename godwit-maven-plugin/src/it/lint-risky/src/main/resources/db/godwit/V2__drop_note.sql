-- The running application still selects note: dropping it breaks every request until the new version is out.
alter table accounts drop column note;
