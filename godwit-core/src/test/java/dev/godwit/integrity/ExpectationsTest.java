package dev.godwit.integrity;

import dev.godwit.config.ChangeRange;
import dev.godwit.config.Expectation;
import dev.godwit.config.ColumnRef;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

    @Test
    void expectationsAreTheDocumentedWords() {
        assertThat(Expectation.parse("unchanged")).contains(new Expectation(Expectation.Kind.UNCHANGED, ""));
        assertThat(Expectation.parse(" ZERO ")).contains(new Expectation(Expectation.Kind.ZERO, ""));
        assertThat(Expectation.parse("nonnegative")).contains(new Expectation(Expectation.Kind.NONNEGATIVE, ""));
        assertThat(Expectation.parse("no_rows")).contains(new Expectation(Expectation.Kind.NO_ROWS, ""));
        assertThat(Expectation.parse("equals:EUR")).contains(new Expectation(Expectation.Kind.EQUALS, "EUR"));
        assertThat(Expectation.parse("equals:")).isEmpty();
        assertThat(Expectation.parse("= 0")).isEmpty();
        assertThat(Expectation.parse("norows")).isEmpty();
        assertThat(Expectation.parse(null)).isEmpty();
    }

    @Test
    void expectationsJudgeOneValueWithNullAsZero() {
        QueryValue zero = value("0.00");
        QueryValue minus = value("-1");
        QueryValue nothing = new QueryValue(1, 1, "d", List.of("sum=NULL"), Optional.of(Optional.empty()));
        QueryValue twoRows = new QueryValue(2, 1, "d", List.of("x=1", "x=2"), Optional.of(Optional.of("1")));

        assertThat(zero.meets(Expectation.parse("zero").orElseThrow())).isTrue();
        assertThat(nothing.meets(Expectation.parse("zero").orElseThrow())).isTrue();
        assertThat(minus.meets(Expectation.parse("zero").orElseThrow())).isFalse();
        assertThat(twoRows.meets(Expectation.parse("zero").orElseThrow())).as("not one value").isFalse();
        assertThat(minus.meets(Expectation.parse("nonnegative").orElseThrow())).isFalse();
        assertThat(zero.meets(Expectation.parse("nonnegative").orElseThrow())).isTrue();
        assertThat(zero.meets(Expectation.parse("equals:0").orElseThrow())).as("compared as numbers").isTrue();
        assertThat(value("EUR").meets(Expectation.parse("equals:EUR").orElseThrow())).isTrue();
        assertThat(twoRows.meets(Expectation.parse("no_rows").orElseThrow())).isFalse();
    }

    @Test
    void changeRangesReadEveryDocumentedForm() {
        assertThat(range("+0..+100").contains(BigDecimal.valueOf(100), BigDecimal.TEN)).isTrue();
        assertThat(range("+0..+100").contains(BigDecimal.valueOf(101), BigDecimal.TEN)).isFalse();
        assertThat(range("+0..+100").contains(BigDecimal.valueOf(-1), BigDecimal.TEN)).isFalse();
        assertThat(range("-5..0").contains(BigDecimal.valueOf(-5), BigDecimal.TEN)).isTrue();
        assertThat(range("+10").contains(BigDecimal.TEN, BigDecimal.ONE)).isTrue();
        assertThat(range("+10").contains(BigDecimal.ONE, BigDecimal.ONE)).isFalse();
        assertThat(range("+1..").contains(BigDecimal.valueOf(1_000_000), BigDecimal.ONE)).isTrue();
        assertThat(range("..0").contains(BigDecimal.ONE, BigDecimal.ONE)).isFalse();
        assertThat(range("-0.50..+0.50").contains(new BigDecimal("0.49"), BigDecimal.ONE)).isTrue();
        assertThat(range("any").isAny()).isTrue();
        assertThat(range("+0..+10%").contains(BigDecimal.valueOf(20), BigDecimal.valueOf(200))).isTrue();
        assertThat(range("+0..+10%").contains(BigDecimal.valueOf(21), BigDecimal.valueOf(200))).isFalse();
        assertThat(ChangeRange.parse("+10..+1")).isEmpty();
        assertThat(ChangeRange.parse("..")).isEmpty();
        assertThat(ChangeRange.parse("lots")).isEmpty();
        assertThat(ChangeRange.parse("")).isEmpty();
    }

    @Test
    void columnNamesFoldLikePostgres() {
        assertThat(ColumnRef.parse("accounts.Balance")).contains(new ColumnRef("accounts", "balance"));
        assertThat(ColumnRef.parse("app.\"Ledger\".\"Amount\"")).contains(new ColumnRef("app.\"Ledger\"", "Amount"));
        assertThat(ColumnRef.parse("\"a.b\".c")).contains(new ColumnRef("\"a.b\"", "c"));
        assertThat(ColumnRef.parse("balance")).isEmpty();
        assertThat(ColumnRef.parse("accounts.")).isEmpty();
        assertThat(ColumnRef.columns("account_id, \"Ref\"")).contains(List.of("account_id", "Ref"));
        assertThat(ColumnRef.columns("a,,b")).isEmpty();
    }

    private static QueryValue value(String v) {
        return new QueryValue(1, 1, "d", List.of("v=" + v), Optional.of(Optional.of(v)));
    }

    private static ChangeRange range(String text) {
        return ChangeRange.parse(text).orElseThrow();
    }

    /** Issue 20 item 7: one offending row of a no_rows invariant read "after 2" (its id). */
    @Test
    void aNoRowsInvariantShowsHowManyRowsNotTheFirstValue() {
        QueryValue oneRow = new QueryValue(1, 1, "d", List.of("id=2"), Optional.of(Optional.of("2")));
        Expectation noRows = Expectation.parse("no_rows").orElseThrow();
        assertThat(oneRow.display(noRows)).isEqualTo("1 row");
        assertThat(oneRow.display(Expectation.parse("zero").orElseThrow())).isEqualTo("2");
    }
}
