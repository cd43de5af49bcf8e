-- godwit:phase expand
create table accounts (id bigint primary key, note text);
