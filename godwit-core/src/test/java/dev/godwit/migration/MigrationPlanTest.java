package dev.godwit.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan from in-memory files and history rows: no disk, no database. */
class MigrationPlanTest {

    private final List<MigrationScript> versioned = new ArrayList<>();
    private final List<MigrationScript> repeatable = new ArrayList<>();
    private final Map<Version, MigrationScript> down = new HashMap<>();
    private final List<ScanProblem> scanProblems = new ArrayList<>();
    private final List<AppliedMigration> history = new ArrayList<>();

    // ---- files ----

    private MigrationScript file(MigrationKind kind, String version, String description, String text) {
        Version v = version == null ? null : Version.parse(version);
        String name = switch (kind) {
            case REPEATABLE -> "R__" + description + ".sql";
            case UNDO -> "U" + version + "__" + description + ".sql";
            default -> "V" + version + "__" + description + ".sql";
        };
        return new MigrationScript(new MigrationName(kind, v, description), Path.of("db", name), name, text,
                Checksums.sha256(text));
    }

    private MigrationScript v(String version) {
        MigrationScript s = file(MigrationKind.VERSIONED, version, "m" + version, "-- " + version + "\n");
        versioned.add(s);
        versioned.sort(java.util.Comparator.comparing(MigrationScript::version));
        return s;
    }

    private MigrationScript r(String description, String text) {
        MigrationScript s = file(MigrationKind.REPEATABLE, null, description, text);
        repeatable.add(s);
        return s;
    }

    // ---- history ----

    private AppliedMigration row(MigrationKind kind, String version, String description, String checksum,
                                 boolean success, String failure) {
        AppliedMigration a = new AppliedMigration(history.size() + 1, version == null ? null : Version.parse(version),
                description, kind, description + ".sql", checksum, "tester", Instant.EPOCH, 1, success, "run",
                failure, null, null);
        history.add(a);
        return a;
    }

    private AppliedMigration applied(MigrationScript f) {
        return row(f.kind(), f.version() == null ? null : f.version().text(), f.description(), f.checksum(), true, null);
    }

    private AppliedMigration applied(String version, String checksum) {
        return row(MigrationKind.VERSIONED, version, "m" + version, checksum, true, null);
    }

    private MigrationPlan plan() {
        return plan(MigrationPlan.Options.defaults());
    }

    private MigrationPlan plan(MigrationPlan.Options options) {
        return MigrationPlan.of(new MigrationSet(versioned, repeatable, down, scanProblems), history, options);
    }

    private static MigrationState state(MigrationPlan p, String version) {
        Version v = Version.parse(version);
        return p.entries().stream().filter(e -> v.equals(e.version())).findFirst().orElseThrow().state();
    }

    private static MigrationState repeatableState(MigrationPlan p, String description) {
        return p.entries().stream().filter(e -> e.version() == null && e.description().equals(description))
                .findFirst().orElseThrow().state();
    }

    private static List<String> pending(MigrationPlan p) {
        return p.pending().stream().map(MigrationScript::label).toList();
    }

    // ---- versioned ----

    @Test
    void nothingAppliedEverythingPendingInOrder() {
        v("1"); v("1.1"); v("2"); v("10");

        MigrationPlan p = plan();

        assertThat(p.valid()).isTrue();
        assertThat(p.problems()).isEmpty();
        assertThat(pending(p)).containsExactly("V1 m1", "V1.1 m1.1", "V2 m2", "V10 m10");
        assertThat(p.entries()).extracting(StatusEntry::state).containsOnly(MigrationState.PENDING);
        assertThat(p.current()).isEmpty();
    }

    @Test
    void appliedWithMatchingChecksum() {
        MigrationScript one = v("1");
        MigrationScript two = v("2");
        applied(one);

        MigrationPlan p = plan();

        assertThat(p.problems()).isEmpty();
        assertThat(state(p, "1")).isEqualTo(MigrationState.APPLIED);
        assertThat(state(p, "2")).isEqualTo(MigrationState.PENDING);
        assertThat(p.pending()).containsExactly(two);
        assertThat(p.current()).contains(Version.parse("1"));
        StatusEntry e = p.entries().get(0);
        assertThat(e.file()).contains(one);
        assertThat(e.applied()).isPresent();
        assertThat(e.script()).isEqualTo(one.script());
    }

    @Test
    void allAppliedNothingToDo() {
        applied(v("1"));
        applied(v("2"));

        MigrationPlan p = plan();

        assertThat(p.pending()).isEmpty();
        assertThat(p.valid()).isTrue();
        assertThat(p.current()).contains(Version.parse("2"));
    }

    @Test
    void appliedRowWithoutChecksumCountsAsApplied() {
        v("1");
        applied("1", null);

        MigrationPlan p = plan();

        assertThat(state(p, "1")).isEqualTo(MigrationState.APPLIED);
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void checksumMismatchIsAProblemThatNamesRepair() {
        MigrationScript one = v("1");
        applied("1", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

        MigrationPlan p = plan();

        assertThat(state(p, "1")).isEqualTo(MigrationState.CHECKSUM_MISMATCH);
        assertThat(p.valid()).isFalse();
        assertThat(p.problems()).singleElement().satisfies(msg -> assertThat(msg)
                .contains("V1 m1").contains(one.script()).contains("godwit repair --accept-checksum 1")
                .contains("0123456789ab").contains(one.checksum().substring(0, 12)));
        assertThat(p.pending()).isEmpty();
    }

    @Test
    void missingFileBelowTheNewestFileIsAProblem() {
        v("1");
        v("3");
        applied("1", null);
        AppliedMigration two = applied("2", "abc");
        applied("3", null);

        MigrationPlan p = plan();

        assertThat(state(p, "2")).isEqualTo(MigrationState.MISSING_FILE);
        assertThat(p.problems()).singleElement().satisfies(msg -> assertThat(msg)
                .contains("V2 m2").contains(two.script()).contains("missing"));
        StatusEntry e = p.entries().get(1);
        assertThat(e.version()).isEqualTo(Version.parse("2"));
        assertThat(e.file()).isEmpty();
        assertThat(e.script()).isEqualTo(two.script());
        assertThat(p.pending()).isEmpty();
    }

    @Test
    void futureRowsAreNotAProblem() {
        v("1");
        v("2");
        applied("1", null);
        applied("2", null);
        applied("3", "x");
        applied("4", "y");

        MigrationPlan p = plan();

        assertThat(state(p, "3")).isEqualTo(MigrationState.FUTURE);
        assertThat(state(p, "4")).isEqualTo(MigrationState.FUTURE);
        assertThat(p.problems()).isEmpty();
        assertThat(p.pending()).isEmpty();
        assertThat(p.current()).contains(Version.parse("4"));
        assertThat(p.entries()).extracting(StatusEntry::version)
                .containsExactly(Version.parse("1"), Version.parse("2"), Version.parse("3"), Version.parse("4"));
    }

    @Test
    void withNoFilesEveryRowIsFuture() {
        applied("1", "x");

        MigrationPlan p = plan();

        assertThat(state(p, "1")).isEqualTo(MigrationState.FUTURE);
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void failedRowIsAProblemAndNotPending() {
        v("1");
        MigrationScript two = v("2");
        v("3");
        applied("1", null);
        row(MigrationKind.VERSIONED, "2", "m2", two.checksum(), false, "statement 3 (create index concurrently)");

        MigrationPlan p = plan();

        assertThat(state(p, "2")).isEqualTo(MigrationState.FAILED);
        assertThat(p.pending()).doesNotContain(two);
        assertThat(p.valid()).isFalse();
        assertThat(p.problems()).singleElement().satisfies(msg -> assertThat(msg)
                .contains("V2 m2 failed at statement 3").contains("godwit repair"));
        assertThat(p.current()).contains(Version.parse("1"));
    }

    @Test
    void outOfOrderIsRefusedByDefault() {
        MigrationScript one = v("1");
        MigrationScript two = v("2");
        MigrationScript three = v("3");
        applied(one);
        applied(three);

        MigrationPlan p = plan();

        assertThat(state(p, "2")).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThat(p.pending()).isEmpty();
        assertThat(p.problems()).singleElement().satisfies(msg -> assertThat(msg)
                .contains("V2 m2").contains(two.script()).contains("out_of_order = true").contains("3"));
    }

    @Test
    void outOfOrderIsPendingWhenAllowed() {
        MigrationScript one = v("1");
        MigrationScript two = v("2");
        MigrationScript three = v("3");
        MigrationScript four = v("4");
        applied(one);
        applied(three);

        MigrationPlan p = plan(new MigrationPlan.Options(true, Optional.empty()));

        assertThat(state(p, "2")).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThat(p.problems()).isEmpty();
        assertThat(p.pending()).containsExactly(two, four);
    }

    @Test
    void baselineHidesOlderFiles() {
        v("1");
        v("2");
        v("3");
        MigrationScript four = v("4");
        row(MigrationKind.BASELINE, "3", "<< baseline >>", null, true, null);

        MigrationPlan p = plan();

        assertThat(state(p, "1")).isEqualTo(MigrationState.BELOW_BASELINE);
        assertThat(state(p, "2")).isEqualTo(MigrationState.BELOW_BASELINE);
        assertThat(state(p, "3")).isEqualTo(MigrationState.BELOW_BASELINE);
        assertThat(state(p, "4")).isEqualTo(MigrationState.PENDING);
        assertThat(p.pending()).containsExactly(four);
        assertThat(p.problems()).isEmpty();
        assertThat(p.current()).contains(Version.parse("3"));
    }

    @Test
    void baselineWithoutAFileIsShownAsBaseline() {
        v("5");
        row(MigrationKind.BASELINE, "2", "<< baseline >>", null, true, null);

        MigrationPlan p = plan();

        assertThat(state(p, "2")).isEqualTo(MigrationState.BASELINE);
        assertThat(state(p, "5")).isEqualTo(MigrationState.PENDING);
        assertThat(p.problems()).isEmpty();
        assertThat(p.current()).contains(Version.parse("2"));
    }

    @Test
    void undoRowMakesTheVersionPendingAgain() {
        MigrationScript one = v("1");
        MigrationScript two = v("2");
        applied(one);
        applied(two);
        row(MigrationKind.UNDO, "2", "m2", "u", true, null);

        MigrationPlan p = plan();

        assertThat(state(p, "2")).isEqualTo(MigrationState.PENDING);
        assertThat(p.pending()).containsExactly(two);
        assertThat(p.problems()).isEmpty();
        assertThat(p.current()).contains(Version.parse("1"));
    }

    @Test
    void reappliedAfterUndoIsApplied() {
        MigrationScript one = v("1");
        applied(one);
        row(MigrationKind.UNDO, "1", "m1", "u", true, null);
        applied(one);

        MigrationPlan p = plan();

        assertThat(state(p, "1")).isEqualTo(MigrationState.APPLIED);
        assertThat(p.pending()).isEmpty();
    }

    @Test
    void historyIsReadInRankOrderNotListOrder() {
        MigrationScript one = v("1");
        AppliedMigration undo = new AppliedMigration(2, Version.parse("1"), "m1", MigrationKind.UNDO, "U1.sql", "u",
                "t", Instant.EPOCH, 1, true, "run", null, null, null);
        AppliedMigration up = new AppliedMigration(1, Version.parse("1"), "m1", MigrationKind.VERSIONED, "V1.sql",
                one.checksum(), "t", Instant.EPOCH, 1, true, "run", null, null, null);
        history.add(undo);
        history.add(up);

        MigrationPlan p = plan();

        assertThat(state(p, "1")).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void undoneAndDeletedVersionIsSimplyGone() {
        v("1");
        applied("1", null);
        applied("2", "x");
        row(MigrationKind.UNDO, "2", "m2", "u", true, null);

        MigrationPlan p = plan();

        assertThat(p.entries()).extracting(StatusEntry::version).containsExactly(Version.parse("1"));
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void targetStopsPendingAtTheTargetVersion() {
        MigrationScript one = v("1");
        MigrationScript two = v("2");
        v("2.1");
        v("3");

        MigrationPlan p = plan(new MigrationPlan.Options(false, Optional.of(Version.parse("2"))));

        assertThat(p.pending()).containsExactly(one, two);
        // The rest are still shown as pending in status.
        assertThat(state(p, "3")).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void targetWithTrailingZeroIncludesTheVersion() {
        MigrationScript one = v("1");
        v("1.0.1");

        MigrationPlan p = plan(new MigrationPlan.Options(false, Optional.of(Version.parse("1.0"))));

        assertThat(p.pending()).containsExactly(one);
    }

    @Test
    void versionsMatchHistoryNumerically() {
        MigrationScript f = file(MigrationKind.VERSIONED, "0001", "a", "x");
        versioned.add(f);
        row(MigrationKind.VERSIONED, "1.0", "a", f.checksum(), true, null);

        MigrationPlan p = plan();

        assertThat(p.entries()).singleElement().extracting(StatusEntry::state).isEqualTo(MigrationState.APPLIED);
    }

    // ---- repeatable ----

    @Test
    void repeatableNeverAppliedIsPending() {
        MigrationScript views = r("views", "create view v as select 1;");

        MigrationPlan p = plan();

        assertThat(repeatableState(p, "views")).isEqualTo(MigrationState.PENDING);
        assertThat(p.pending()).containsExactly(views);
    }

    @Test
    void repeatableWithSameChecksumIsApplied() {
        applied(r("views", "create view v as select 1;"));

        MigrationPlan p = plan();

        assertThat(repeatableState(p, "views")).isEqualTo(MigrationState.APPLIED);
        assertThat(p.pending()).isEmpty();
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void changedRepeatableIsOutdatedAndPending() {
        MigrationScript views = r("views", "create or replace view v as select 2;");
        row(MigrationKind.REPEATABLE, null, "views", Checksums.sha256("create view v as select 1;"), true, null);

        MigrationPlan p = plan();

        assertThat(repeatableState(p, "views")).isEqualTo(MigrationState.OUTDATED);
        assertThat(p.pending()).containsExactly(views);
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void theLastSuccessfulRunOfARepeatableCounts() {
        MigrationScript views = r("views", "new");
        row(MigrationKind.REPEATABLE, null, "views", Checksums.sha256("old"), true, null);
        applied(views);
        // A later failed run does not count as having run the new text.
        row(MigrationKind.REPEATABLE, null, "views", Checksums.sha256("other"), false, "x");

        assertThat(repeatableState(plan(), "views")).isEqualTo(MigrationState.APPLIED);
    }

    @Test
    void repeatableAppliedButFileGoneIsAProblem() {
        AppliedMigration row = row(MigrationKind.REPEATABLE, null, "views", "abc", true, null);

        MigrationPlan p = plan();

        assertThat(repeatableState(p, "views")).isEqualTo(MigrationState.MISSING_FILE);
        assertThat(p.problems()).singleElement().satisfies(msg -> assertThat(msg)
                .contains("R views").contains(row.script()).contains("missing"));
    }

    @Test
    void repeatableRowWithoutChecksumRunsAgain() {
        // Flyway import writes repeatable rows without a checksum when the file was absent at import time.
        MigrationScript views = r("views", "create view v as select 1;");
        row(MigrationKind.REPEATABLE, null, "views", null, true, null);

        MigrationPlan p = plan();

        assertThat(repeatableState(p, "views")).isEqualTo(MigrationState.OUTDATED);
        assertThat(p.pending()).containsExactly(views);
        assertThat(p.problems()).isEmpty();
    }

    @Test
    void repeatablesComeAfterVersionedInPendingAndEntries() {
        MigrationScript b = r("b", "b");
        MigrationScript a = r("a", "a");
        repeatable.sort(java.util.Comparator.comparing(MigrationScript::description));
        MigrationScript one = v("1");
        MigrationScript two = v("2");

        MigrationPlan p = plan();

        assertThat(p.pending()).containsExactly(one, two, a, b);
        assertThat(p.entries()).extracting(StatusEntry::kind).containsExactly(MigrationKind.VERSIONED,
                MigrationKind.VERSIONED, MigrationKind.REPEATABLE, MigrationKind.REPEATABLE);
    }

    @Test
    void repeatablesRunEvenWithATarget() {
        MigrationScript one = v("1");
        v("2");
        MigrationScript views = r("views", "x");

        MigrationPlan p = plan(new MigrationPlan.Options(false, Optional.of(Version.parse("1"))));

        assertThat(p.pending()).containsExactly(one, views);
    }

    // ---- the whole ----

    @Test
    void currentIsTheNewestAppliedOrBaselinedVersion() {
        v("1"); v("2"); v("3");
        row(MigrationKind.BASELINE, "1", "<< baseline >>", null, true, null);
        applied("2", null);
        row(MigrationKind.VERSIONED, "3", "m3", null, false, "boom");

        assertThat(plan().current()).contains(Version.parse("2"));
    }

    @Test
    void scanProblemsFlowIntoPlanProblems() {
        v("1");
        scanProblems.add(new ScanProblem(Path.of("db/v2__x.sql"), "the prefix must be a capital letter"));

        MigrationPlan p = plan();

        assertThat(p.valid()).isFalse();
        assertThat(p.problems()).containsExactly("db/v2__x.sql: the prefix must be a capital letter"
                .replace("/", java.io.File.separator));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        v("1"); v("2"); v("3"); v("4"); v("5");
        applied("1", "changed");
        row(MigrationKind.VERSIONED, "2", "m2", null, false, null);
        applied("2.5", "gone");
        applied("4", null);
        row(MigrationKind.REPEATABLE, null, "gone", "x", true, null);
        scanProblems.add(new ScanProblem(Path.of("x.sql"), "bad"));

        MigrationPlan p = plan();

        // scan problem, mismatch 1, failed 2, missing 2.5, out of order 3, missing repeatable
        assertThat(p.problems()).hasSize(6);
        assertThat(state(p, "3")).isEqualTo(MigrationState.OUT_OF_ORDER);
        assertThat(state(p, "5")).isEqualTo(MigrationState.PENDING);
        assertThat(p.entries()).extracting(StatusEntry::version).containsExactly(Version.parse("1"),
                Version.parse("2"), Version.parse("2.5"), Version.parse("3"), Version.parse("4"), Version.parse("5"),
                null);
    }

    @Test
    void resultIsImmutable() {
        v("1");
        MigrationPlan p = plan();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.pending().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.problems().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void labelsOfHistoryRows() {
        assertThat(row(MigrationKind.BASELINE, "3", "base", null, true, null).label()).isEqualTo("B3 base");
        assertThat(row(MigrationKind.UNDO, "3", "u", null, true, null).label()).isEqualTo("U3 u");
        assertThat(row(MigrationKind.VERSIONED, "3", "v", null, true, null).label()).isEqualTo("V3 v");
        assertThat(row(MigrationKind.REPEATABLE, null, "r", null, true, null).label()).isEqualTo("R r");
        assertThat(MigrationState.OUTDATED.words()).isEqualTo("changed, will re-run");
    }
}
