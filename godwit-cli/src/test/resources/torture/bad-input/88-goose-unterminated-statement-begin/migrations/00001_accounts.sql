-- +goose Up
-- +goose StatementBegin
CREATE TABLE accounts (id bigint PRIMARY KEY);
