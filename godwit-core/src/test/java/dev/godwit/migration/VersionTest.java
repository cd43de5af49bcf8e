package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    private static List<BigInteger> nums(long... values) {
        return java.util.Arrays.stream(values).mapToObj(BigInteger::valueOf).toList();
    }

    @Test
    void parsesASingleNumber() {
        Version v = Version.parse("1");
        assertThat(v.parts()).isEqualTo(nums(1));
        assertThat(v.text()).isEqualTo("1");
        assertThat(v.toString()).isEqualTo("1");
    }

    @Test
    void parsesDottedParts() {
        Version v = Version.parse("1.2.3");
        assertThat(v.parts()).isEqualTo(nums(1, 2, 3));
        assertThat(v.text()).isEqualTo("1.2.3");
    }

    @Test
    void underscoresAreDots() {
        Version v = Version.parse("1_2");
        assertThat(v.parts()).isEqualTo(nums(1, 2));
        assertThat(v.text()).isEqualTo("1.2");
        assertThat(v).isEqualTo(Version.parse("1.2"));
    }

    @Test
    void leadingZerosDoNotCount() {
        Version v = Version.parse("0001");
        assertThat(v.parts()).isEqualTo(nums(1));
        assertThat(v).isEqualTo(Version.parse("1")).hasSameHashCodeAs(Version.parse("1"));
        assertThat(v.text()).isEqualTo("0001");
    }

    @Test
    void timestampVersionsAreBigNumbers() {
        Version v = Version.parse("20240101120000");
        assertThat(v.parts()).containsExactly(new BigInteger("20240101120000"));
        assertThat(v).isGreaterThan(Version.parse("20231231235959"));
        // Bigger than a long can hold: BigInteger, not overflow.
        Version huge = Version.parse("99999999999999999999999");
        assertThat(huge).isGreaterThan(Version.parse(Long.toString(Long.MAX_VALUE)));
    }

    @Test
    void comparesNumericallyPartByPart() {
        assertThat(Version.parse("1.10")).isGreaterThan(Version.parse("1.9"));
        assertThat(Version.parse("2")).isGreaterThan(Version.parse("1.999"));
        assertThat(Version.parse("1.2")).isGreaterThan(Version.parse("1.1.9"));
        assertThat(Version.parse("1.0.1")).isGreaterThan(Version.parse("1"));
        assertThat(Version.parse("10")).isGreaterThan(Version.parse("9"));
        assertThat(Version.parse("1.9")).isLessThan(Version.parse("1.10"));
    }

    @Test
    void trailingZerosAreEqual() {
        Version a = Version.parse("1.0");
        Version b = Version.parse("1");
        Version c = Version.parse("1.0.0_0");
        assertThat(a).isEqualTo(b).isEqualTo(c);
        assertThat(a.compareTo(b)).isZero();
        assertThat(a.hashCode()).isEqualTo(b.hashCode()).isEqualTo(c.hashCode());
        assertThat(a.text()).isEqualTo("1.0");
        assertThat(new java.util.HashSet<>(List.of(a, b, c))).hasSize(1);
    }

    @Test
    void zeroIsAVersion() {
        assertThat(Version.parse("0")).isEqualTo(Version.parse("0.0")).hasSameHashCodeAs(Version.parse("0.0"));
        assertThat(Version.parse("0")).isLessThan(Version.parse("0.1"));
    }

    @Test
    void notEqualToOtherTypes() {
        assertThat(Version.parse("1")).isNotEqualTo("1");
        assertThat(Version.parse("1")).isNotEqualTo(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1..2", "a", "-1", "1.", ".1", "1.a", "v1", "1 2", " 1", "1__2", "1.2-3", "١"})
    void rejectsWhatIsNotAVersion(String text) {
        assertThat(Version.isValid(text)).isFalse();
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("is not a version");
    }

    @Test
    void rejectsNull() {
        assertThat(Version.isValid(null)).isFalse();
        assertThatThrownBy(() -> Version.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partsAreImmutable() {
        Version v = Version.parse("1.2");
        assertThatThrownBy(() -> v.parts().add(BigInteger.TEN)).isInstanceOf(UnsupportedOperationException.class);
    }
}
