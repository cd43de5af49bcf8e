-- expect: 1
ALTER TABLE rate_periods ADD CONSTRAINT rate_periods_no_overlap
  EXCLUDE USING gist (currency WITH =, valid_during WITH &&);
