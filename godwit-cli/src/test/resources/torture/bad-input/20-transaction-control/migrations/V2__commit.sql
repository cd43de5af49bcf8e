update accounts set owner = owner;
commit;
