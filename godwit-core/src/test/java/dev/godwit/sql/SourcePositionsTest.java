package dev.godwit.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourcePositionsTest {

    /** The lexer walks forward from the previous token's line; it must land where a search from scratch does. */
    @Test
    void walkingForwardGivesTheLinesAndColumnsASearchGives() {
        String text = "a\nbc\r\nd\re\n\n\r\r\nfg";
        SourcePositions p = new SourcePositions(text);
        int line = 1;
        for (int offset = 0; offset < text.length(); offset++) {
            line = p.lineFrom(line, offset);
            assertThat(line).as("line at %d", offset).isEqualTo(p.line(offset));
            assertThat(p.columnOnLine(line, offset)).as("column at %d", offset).isEqualTo(p.column(offset));
        }
        assertThat(p.lineFrom(1, text.indexOf('f'))).isEqualTo(8);
        assertThat(p.columnOnLine(8, text.indexOf('g'))).isEqualTo(2);
    }

    @Test
    void aWalkMaySkipLinesWithoutTokens() {
        SourcePositions p = new SourcePositions("x\n\n\n\ny");

        assertThat(p.lineFrom(1, 5)).isEqualTo(5);
        assertThat(p.lineFrom(5, 5)).isEqualTo(5);
    }
}
