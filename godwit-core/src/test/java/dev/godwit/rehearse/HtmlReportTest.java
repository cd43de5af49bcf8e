package dev.godwit.rehearse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.testing.PostgresExtension;
import dev.godwit.testing.TestDatabase;
import dev.godwit.testing.TestProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real rehearsal: self-contained, and (when Chromium is installed) rendered by it. */
@ExtendWith(PostgresExtension.class)
class HtmlReportTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void theReportIsSelfContainedAndChromiumRendersItsTimeline(TestDatabase db) throws Exception {
        db.execute("create table accounts (id bigint primary key, owner text)",
                "insert into accounts select g, 'o' || g from generate_series(1, 50) g");
        TestProject p = new TestProject(db, dir)
                .write("V1__index.sql", "create index accounts_owner on accounts (owner);\nselect pg_sleep(0.3);")
                .write("U1__index.sql", "drop index accounts_owner;");
        RehearsalResult r = new Rehearsal(p.config(), what -> { }).run(new Rehearsal.Options(Optional.empty(),
                Optional.of(RehearsalTest.shadowServer(db)), Optional.empty(), 0, 0, 1, Optional.empty()));

        String html = HtmlReport.render(r);

        assertThat(html).contains("<svg id=\"timeline\"", "SHARE on accounts", "client latency", "Passed");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://", "https://", "src=", "href=", "@import", "url(");
        if (Files.isExecutable(CHROMIUM)) {
            Path file = dir.resolve("rehearsal.html");
            Files.writeString(file, html, StandardCharsets.UTF_8);
            String dom = chromium(List.of("--dump-dom", file.toUri().toString()));
            assertThat(dom).contains("id=\"timeline\"", "<rect", "Godwit rehearsal");
            Path png = dir.resolve("shot.png");
            chromium(List.of("--screenshot=" + png, "--window-size=1100,900", file.toUri().toString()));
            assertThat(Files.size(png)).isGreaterThan(1000);
        }
    }

    private String chromium(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
        cmd.addAll(args);
        Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        proc.getOutputStream().close();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(proc.exitValue()).as("chromium's exit code").isZero();
        return out;
    }
}
