CREATE TABLE payments (id bigint PRIMARY KEY, amount numeric(19, 4) NOT NULL, latitude double precision,
  score real, amount_minor bigint);
