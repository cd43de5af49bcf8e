package dev.godwit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.godwit.prometheus.GodwitMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** deploy/prometheus/godwit-alerts.yml: valid rules (promtool, when installed), on metrics Godwit exports. */
class AlertRulesTest {

    static final Path RULES = Path.of("..", "deploy", "prometheus", "godwit-alerts.yml");

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Assumptions.assumeTrue(onPath("promtool"), "promtool is not installed (Debian package prometheus)");
        Process p = new ProcessBuilder("promtool", "check", "rules", RULES.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS: 7 rules found");
    }

    @Test
    void everyMetricTheRulesUseIsOneGodwitExports() throws Exception {
        String exported = new GodwitMetrics().text();
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("godwit_[a-z_]+").matcher(Files.readString(RULES));
        while (m.find()) {
            used.add(m.group());
        }
        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(exported).contains("# TYPE " + name + " "));
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
