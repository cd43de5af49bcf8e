package dev.godwit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTest {

    @Test
    void objectsGetSortedKeysNoWhitespaceAndExactNumbers() {
        assertThat(Canonical.json("{\"b\": [1, 2.50, {\"z\": null, \"a\": true}], \"a\": \"x\", \"B\": 1e2}"))
                .isEqualTo("{\"B\":100,\"a\":\"x\",\"b\":[1,2.50,{\"a\":true,\"z\":null}]}");
        assertThat(Canonical.json("{\"n\": 123456789012345678901234567890}"))
                .isEqualTo("{\"n\":123456789012345678901234567890}");
    }

    @Test
    void stringsEscapeOnlyQuotesBackslashesAndControls() {
        assertThat(Canonical.json("{\"s\": \"a\\\"b\\\\c\\n\\u0001\\u00e9\\u20ac/\"}"))
                .isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\\u0001é€/\"}");
    }

    @Test
    void timeHasSixFractionalDigitsInUtc() {
        assertThat(Canonical.time(Instant.parse("2026-03-01T10:00:00Z"))).isEqualTo("2026-03-01T10:00:00.000000Z");
        assertThat(Canonical.time(Instant.parse("2026-03-01T10:00:00.1234567Z")))
                .isEqualTo("2026-03-01T10:00:00.123456Z");
    }

    @Test
    void aRowHasItsFieldsInTheDocumentedOrderWithNulls() {
        assertThat(Canonical.row(7, Instant.parse("2026-03-01T10:00:00Z"), "repair", null, "1.2", "alice", "deploy",
                "box", "{}", null, "bob", "{\"k\":1}"))
                .isEqualTo("{\"seq\":7,\"at\":\"2026-03-01T10:00:00.000000Z\",\"action\":\"repair\",\"run_id\":null,"
                        + "\"version\":\"1.2\",\"os_user\":\"alice\",\"db_user\":\"deploy\",\"host\":\"box\",\"ci\":{},"
                        + "\"ticket\":null,\"approver\":\"bob\",\"details\":{\"k\":1}}");
    }

    @Test
    void detailsTakeJavaValuesAndRefuseCycles() {
        assertThat(Details.json(Map.of("d", java.time.Duration.ofSeconds(2), "nan", Double.NaN,
                "arr", new int[] {1, 2}))).contains("\"d\":\"PT2S\"", "\"nan\":\"NaN\"", "\"arr\":[1,2]");
        Map<String, Object> cycle = new java.util.HashMap<>();
        cycle.put("self", cycle);
        assertThatThrownBy(() -> Details.json(cycle)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deeper than");
        assertThatThrownBy(() -> Canonical.json("{not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
