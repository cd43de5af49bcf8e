--liquibase formatted sql

--changeset alice:1
--preconditions onFail:MARK_RAN
--precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_tables WHERE tablename = 'accounts'
CREATE TABLE accounts (id BIGINT PRIMARY KEY);
