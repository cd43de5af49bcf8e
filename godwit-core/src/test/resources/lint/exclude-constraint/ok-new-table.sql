CREATE TABLE rate_periods (currency char(3), valid_during tstzrange,
  EXCLUDE USING gist (currency WITH =, valid_during WITH &&));
ALTER TABLE rate_periods ADD CONSTRAINT rate_periods_no_overlap_2
  EXCLUDE USING gist (currency WITH =, valid_during WITH &&);
