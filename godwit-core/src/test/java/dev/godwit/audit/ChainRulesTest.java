package dev.godwit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.audit.ChainRules.Link;
import dev.godwit.audit.Verification.Break;
import dev.godwit.audit.Verification.Break.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verify rules on hand-made chains: cases a database test cannot easily arrange. */
class ChainRulesTest {

    /** h1..hn, each linking to the one before, all consistent. */
    private static List<Link> chain(int n) {
        List<Link> links = new ArrayList<>();
        String prev = Chain.GENESIS;
        for (int i = 1; i <= n; i++) {
            links.add(new Link(i, prev, "h" + i, true, true));
            prev = "h" + i;
        }
        return links;
    }

    private static Break first(List<Link> links) {
        Verification v = ChainRules.check(links, false, Optional.empty());
        assertThat(v.intact()).as(v.toString()).isFalse();
        return v.firstBreak().orElseThrow();
    }

    @Test
    void anEmptyLogIsIntactAndItsHeadIsGenesis() {
        assertThat(ChainRules.check(List.of(), false, Optional.empty()))
                .isEqualTo(new Verification(true, 0, Chain.GENESIS, Optional.empty()));
        assertThat(ChainRules.check(List.of(), true, Optional.of(Chain.GENESIS)).intact()).isTrue();
        assertThat(ChainRules.check(List.of(), false, Optional.of("h1")).firstBreak().orElseThrow())
                .extracting(Break::kind, Break::seq).containsExactly(Kind.CUT_TAIL, 1L);
    }

    @Test
    void severalInsertedRowsAreNamedFromTheFirst() {
        List<Link> links = chain(2);
        links.add(new Link(3, "h2", "x3", true, true));
        links.add(new Link(4, "x3", "x4", true, true));
        links.add(new Link(5, "h2", "h3", false, false)); // the real third entry, renumbered
        assertThat(first(links)).extracting(Break::kind, Break::seq).containsExactly(Kind.INSERTED, 3L);
    }

    @Test
    void aRowBeforeTheFirstIsInserted() {
        List<Link> links = new ArrayList<>();
        links.add(new Link(0, Chain.GENESIS, "x0", true, true));
        links.addAll(chain(2));
        assertThat(first(links)).extracting(Break::kind, Break::seq).containsExactly(Kind.INSERTED, 0L);
    }

    @Test
    void aChangedSeqWithItsLinkIntactIsEdited() {
        List<Link> links = chain(2);
        links.add(new Link(7, "h2", "h3", false, false));
        assertThat(first(links)).extracting(Break::kind, Break::seq).containsExactly(Kind.EDITED, 7L);
    }

    @Test
    void aGapOfSeveralNamesTheRange() {
        List<Link> links = chain(2);
        links.add(new Link(5, "h4", "h5", true, true));
        Break b = first(links);
        assertThat(b).extracting(Break::kind, Break::seq).containsExactly(Kind.DELETED, 3L);
        assertThat(b.message()).contains("entries 3 to 4 are missing");
    }

    @Test
    void theFirstBreakWinsOverLaterOnes() {
        List<Link> links = chain(5);
        links.set(1, new Link(2, "h1", "h2", false, false));
        links.remove(3);
        assertThat(first(links)).extracting(Break::kind, Break::seq).containsExactly(Kind.EDITED, 2L);
    }

    @Test
    void oneConsistentEntryMeansTheKeyIsRight() {
        List<Link> links = chain(3);
        links.set(0, new Link(1, Chain.GENESIS, "h1", false, false));
        links.set(1, new Link(2, "h1", "h2", false, false));
        assertThat(ChainRules.check(links, true, Optional.empty()).firstBreak().orElseThrow())
                .extracting(Break::kind, Break::seq).containsExactly(Kind.EDITED, 1L);
        links.set(2, new Link(3, "h2", "h3", false, false));
        assertThat(ChainRules.check(links, true, Optional.empty()).firstBreak().orElseThrow())
                .extracting(Break::kind, Break::seq).containsExactly(Kind.KEY, 1L);
    }
}
