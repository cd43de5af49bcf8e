drop index concurrently accounts_owner;
