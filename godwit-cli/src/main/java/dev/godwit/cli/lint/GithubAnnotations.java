package dev.godwit.cli.lint;

import dev.godwit.config.Risk;
import dev.godwit.lint.Finding;
import java.util.List;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…::message}), printed when {@code
 * GITHUB_ACTIONS=true} so that findings show on the pull request's diff.
 */
public final class GithubAnnotations {

    private GithubAnnotations() {}

    public static List<String> of(List<Finding> findings, Risk maxRisk) {
        return findings.stream().filter(f -> !f.allowed()).map(f -> line(f, maxRisk)).toList();
    }

    static String line(Finding f, Risk maxRisk) {
        String command = f.risk().atLeast(maxRisk) ? "error" : f.risk() == Risk.LOW ? "notice" : "warning";
        return "::" + command + " file=" + property(f.file()) + ",line=" + f.line() + ",col=" + f.column()
                + ",title=" + property("godwit " + f.rule() + " (" + f.risk().word() + ")") + "::"
                + data(f.message() + " Lock: " + f.lockInWords() + ". Instead:\n" + f.safeAlternative());
    }

    /** The escaping GitHub's toolkit applies to a message. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The escaping GitHub's toolkit applies to a property value. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
