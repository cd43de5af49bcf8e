package dev.godwit.examples.ledger;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read-only HTTP view of the ledger. */
@RestController
public class LedgerController {

    private final LedgerService ledger;

    public LedgerController(LedgerService ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/accounts/{id}")
    public Map<String, BigDecimal> balance(@PathVariable long id) {
        return Map.of("balance", ledger.balance(id));
    }
}
