CREATE TABLE payouts (id bigint, reference text);
ALTER TABLE payouts ADD PRIMARY KEY (id);
ALTER TABLE payouts ADD CONSTRAINT payouts_reference_key UNIQUE (reference);
ALTER TABLE payouts ADD COLUMN external_ref uuid UNIQUE;
