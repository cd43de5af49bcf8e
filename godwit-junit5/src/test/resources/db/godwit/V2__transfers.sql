create table transfers (
    id bigint generated always as identity primary key,
    from_account bigint not null references accounts (id),
    to_account bigint not null references accounts (id),
    amount numeric(19, 2) not null check (amount > 0)
);
create index transfers_from_account on transfers (from_account);
create index transfers_to_account on transfers (to_account);
