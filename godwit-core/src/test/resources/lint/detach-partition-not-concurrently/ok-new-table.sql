CREATE TABLE fx_quotes (quoted_on date, rate numeric(18, 8)) PARTITION BY RANGE (quoted_on);
CREATE TABLE fx_quotes_2024 PARTITION OF fx_quotes FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE fx_quotes DETACH PARTITION fx_quotes_2024;
