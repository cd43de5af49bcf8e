package dev.godwit.cli.commands;

import dev.godwit.await.Await;
import dev.godwit.base.Durations;
import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.migration.Version;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "await", description = "Wait until the database is at VERSION or newer with no failed migration,"
        + " saying what it waits for; exit 0 when reached, 9 on timeout. For the init container of application"
        + " pods and for deploy scripts. Reads only the history: no migration files needed.")
public final class AwaitCommand extends BaseCommand {

    @Option(names = "--version", required = true, paramLabel = "VERSION",
            description = "The version the application needs (that version or newer).")
    String version;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long to wait (default 10m); then exit 9.")
    String timeout = "10m";

    @Override
    public Integer call() {
        Version v = MigrateCommand.parseTarget("--version", version).orElseThrow();
        Duration limit = Durations.parse(timeout).filter(d -> !d.isNegative()).orElseThrow(() -> new CliFailure(
                ExitCodes.USAGE, Durations.expected("--timeout", timeout)));
        Session s = session();
        Await.Result r = s.godwit().await(v, limit, words -> out().line(words));
        if (out().json()) {
            Map<String, Object> doc = new LinkedHashMap<>(s.databaseJson());
            doc.put("reached", r.reached());
            doc.put("awaited", v.text());
            doc.put("current", r.last().current().map(Object::toString).orElse(null));
            doc.put("failed", r.last().failed());
            doc.put("waitedMs", r.waited().toMillis());
            doc.put("state", r.last().words());
            out().result(doc);
        }
        if (r.reached()) {
            return ExitCodes.OK;
        }
        if (r.stopped().isPresent()) {
            out().error("await stopped by " + r.stopped().get() + " before version " + v + " was reached");
            return ExitCodes.FAILED;
        }
        out().error("version " + v + " not reached within " + Durations.format(limit) + " (exit "
                + ExitCodes.AWAIT_TIMEOUT + "): " + r.last().words() + "; `godwit status` shows the history");
        return ExitCodes.AWAIT_TIMEOUT;
    }
}
