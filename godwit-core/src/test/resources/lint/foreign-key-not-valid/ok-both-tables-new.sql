CREATE TABLE currencies (id int PRIMARY KEY, code char(3) NOT NULL);
CREATE TABLE prices (id bigint PRIMARY KEY, currency_id int REFERENCES currencies, parent_id bigint REFERENCES prices);
ALTER TABLE prices ADD CONSTRAINT prices_currency_fk FOREIGN KEY (currency_id) REFERENCES currencies (id);
