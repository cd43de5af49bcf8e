create table transfers (
    id         bigint generated always as identity primary key,
    from_id    bigint not null references accounts (id),
    to_id      bigint not null references accounts (id),
    amount     numeric(19, 2) not null check (amount > 0),
    created_at timestamptz not null default now()
);
create index transfers_from_id on transfers (from_id);
create index transfers_to_id on transfers (to_id);
