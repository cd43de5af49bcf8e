-- expect: 1
ALTER DOMAIN amount ADD CONSTRAINT amount_scale CHECK (scale(VALUE) <= 4);
