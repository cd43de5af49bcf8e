create table accounts (
    id bigint generated always as identity primary key,
    owner text not null,
    balance numeric(19, 2) not null default 0
);
