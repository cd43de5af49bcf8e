grant select on accounts to ${app_role};
