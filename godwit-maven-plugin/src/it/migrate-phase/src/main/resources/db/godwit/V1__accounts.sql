-- godwit:phase expand
create table accounts (
    id bigint generated always as identity primary key,
    owner text not null,
    legacy_code text
);
