-- expect: 1
ALTER TYPE payment_status ADD VALUE 'held';
