package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code godwit --version} answered in {@code main} before picocli prints what picocli's --version prints. */
class VersionFastPathTest {

    @Test
    void mainAnswersVersionAsPicocliDoes() {
        String picocli = InProcess.run(cl -> { }, "--version").stdout();
        for (String flag : new String[] {"--version", "-V"}) {
            PrintStream stdout = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                Main.main(new String[] {flag}); // returns: it must not reach System.exit
            } finally {
                System.setOut(stdout);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(picocli).startsWith("godwit ");
        }
    }
}
