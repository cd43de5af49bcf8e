package dev.godwit.examples.ledger;

import java.math.BigDecimal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and transfers through JdbcTemplate, which Boot starts only after Godwit's start-up step. */
@Service
public class LedgerService {

    private final JdbcTemplate jdbc;

    public LedgerService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long open(String owner, BigDecimal deposit) {
        return jdbc.queryForObject("insert into accounts (owner, balance) values (?, ?) returning id", Long.class,
                owner, deposit);
    }

    /** Moves {@code amount}; the balance check refuses an overdraft and the transaction rolls back. */
    @Transactional
    public void transfer(long from, long to, BigDecimal amount) {
        jdbc.update("update accounts set balance = balance - ? where id = ?", amount, from);
        jdbc.update("update accounts set balance = balance + ? where id = ?", amount, to);
        jdbc.update("insert into transfers (from_id, to_id, amount) values (?, ?, ?)", from, to, amount);
    }

    public BigDecimal balance(long account) {
        return jdbc.queryForObject("select balance from accounts where id = ?", BigDecimal.class, account);
    }

    /** The sum of every balance: transfers never change it. */
    public BigDecimal total() {
        return jdbc.queryForObject("select coalesce(sum(balance), 0) from accounts", BigDecimal.class);
    }
}
