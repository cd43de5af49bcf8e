-- expect: 2
CREATE TABLE payments (id bigint PRIMARY KEY, amount double precision NOT NULL, fee_total real);
