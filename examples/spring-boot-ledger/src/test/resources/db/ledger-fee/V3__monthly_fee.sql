-- Takes a fee from every account without booking it anywhere: money disappears, which the integrity
-- invariant (sum(balance) unchanged) refuses before COMMIT.
update accounts set balance = balance - 1.00 where balance >= 1.00;
