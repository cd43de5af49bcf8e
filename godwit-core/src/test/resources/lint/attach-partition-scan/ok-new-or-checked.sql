CREATE TABLE events (at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE events_2026 (at date NOT NULL, kind text);
-- godwit-test:next-file
CREATE TABLE events_2027 (at date NOT NULL, kind text);
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
ALTER TABLE events_2026 ADD CONSTRAINT events_2026_bound CHECK (at >= '2026-01-01' AND at < '2027-01-01');
ALTER TABLE events ATTACH PARTITION events_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
