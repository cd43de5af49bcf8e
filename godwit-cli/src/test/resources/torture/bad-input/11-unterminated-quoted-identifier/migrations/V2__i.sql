select "owner from accounts;
