package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Version ordering against an independent model: the list of numbers, trailing zeros removed. */
class VersionPropertyTest {

    /** Version texts with leading zeros, zero parts, underscores, and numbers past a long. */
    @Provide
    Arbitrary<String> versionTexts() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 12).map(String::valueOf),
                Arbitraries.integers().between(0, 12).map(i -> "00" + i),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25));
        Arbitrary<String> separator = Arbitraries.of(".", ".", "_");
        return Combinators.combine(number.list().ofMinSize(1).ofMaxSize(5), separator.list().ofSize(4))
                .as((nums, seps) -> {
                    StringBuilder b = new StringBuilder(nums.get(0));
                    for (int i = 1; i < nums.size(); i++) {
                        b.append(seps.get(i - 1)).append(nums.get(i));
                    }
                    return b.toString();
                });
    }

    private static List<BigInteger> model(String text) {
        List<BigInteger> parts = new ArrayList<>();
        for (String p : text.split("[._]")) {
            parts.add(new BigInteger(p));
        }
        while (!parts.isEmpty() && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    private static int compareModel(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Property(tries = 1000)
    void sortingAgreesWithTheNumericModel(@ForAll("texts") List<String> texts) {
        List<List<BigInteger>> byVersion = texts.stream().map(Version::parse).sorted()
                .map(v -> model(v.text())).collect(Collectors.toList());
        List<List<BigInteger>> byModel = texts.stream().map(VersionPropertyTest::model)
                .sorted(VersionPropertyTest::compareModel).collect(Collectors.toList());
        assertThat(byVersion).isEqualTo(byModel);
    }

    @Provide
    Arbitrary<List<String>> texts() {
        return versionTexts().list().ofMaxSize(20);
    }

    @Property(tries = 1000)
    void compareToEqualsAndHashCodeAgreeWithTheModel(@ForAll("versionTexts") String a, @ForAll("versionTexts") String b) {
        Version va = Version.parse(a);
        Version vb = Version.parse(b);
        int expected = Integer.signum(compareModel(model(a), model(b)));
        assertThat(Integer.signum(va.compareTo(vb))).isEqualTo(expected);
        assertThat(Integer.signum(vb.compareTo(va))).isEqualTo(-expected);
        assertThat(va.equals(vb)).isEqualTo(expected == 0);
        if (expected == 0) {
            assertThat(va.hashCode()).isEqualTo(vb.hashCode());
        }
    }

    @Property(tries = 1000)
    void parsingTheTextGivesTheSameVersion(@ForAll("versionTexts") String text) {
        Version v = Version.parse(text);
        Version again = Version.parse(v.text());
        assertThat(again).isEqualTo(v);
        assertThat(again.parts()).isEqualTo(v.parts());
        assertThat(again.text()).isEqualTo(v.text());
        assertThat(v.text()).doesNotContain("_");
    }

    @Property(tries = 1000)
    void sortingIsStableUnderShuffling(@ForAll("texts") List<String> texts) {
        List<Version> versions = texts.stream().map(Version::parse).toList();
        List<Version> sorted = versions.stream().sorted().toList();
        List<Version> reversed = new ArrayList<>(versions);
        java.util.Collections.reverse(reversed);
        assertThat(reversed.stream().sorted(Comparator.naturalOrder()).map(Version::parts).toList())
                .isEqualTo(sorted.stream().map(Version::parts).toList());
    }
}
