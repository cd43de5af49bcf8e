--liquibase formatted sql

--changeset alice:1
CREATE TABLE accounts (id BIGINT PRIMARY KEY);

--changeset alice
ALTER TABLE accounts ADD COLUMN owner TEXT;
