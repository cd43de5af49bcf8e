package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoIT {

    @Test
    void theDemoRunsEveryStepAndLeavesNothingBehind(@TempDir Path dir) {
        GodwitProcess.Result r = new GodwitProcess(dir).run("demo");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.all()).contains("applied V1 create accounts").contains("runs without a transaction")
                .contains("applied R account balances").contains("changed after it was applied")
                .contains("reverted U5 add transfer reference").contains("rolled back what this run applied")
                .contains("migration_applied").contains("intact: ")
                .contains("accounts.sum(balance)  1325.50  1324.00").contains("refused to COMMIT")
                .contains("create-index-not-concurrently").contains("the safety gate refused 1 finding(s)")
                .contains("[11/11]")
                .contains("Demo finished: every step behaved as expected");
        Matcher m = Pattern.compile("A sample project in (\\S+)").matcher(r.stdout());
        assertThat(m.find()).isTrue();
        assertThat(Files.exists(Path.of(m.group(1)))).as("temporary project removed").isFalse();
    }
}
