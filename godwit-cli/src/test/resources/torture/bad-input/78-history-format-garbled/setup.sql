comment on table godwit.history is 'godwit history format banana';
