package dev.godwit.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunPrinterWordsTest {

    @Test
    void aNonTransactionalFileIsExplainedAsGodwitsChoiceNotAsAnError() {
        assertThat(RunPrinter.nonTransactional(
                "V4__index.sql:3: CREATE INDEX CONCURRENTLY cannot run inside a transaction block"))
                .isEqualTo("runs without a transaction, one statement at a time: PostgreSQL does not allow CREATE INDEX"
                        + " CONCURRENTLY (V4__index.sql:3) inside one, so Godwit chose this mode for the file");
        assertThat(RunPrinter.nonTransactional("the file says -- godwit:no-transaction"))
                .startsWith("runs without a transaction").contains("the file says -- godwit:no-transaction");
    }
}
