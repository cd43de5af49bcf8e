package dev.godwit.cli.ops;

import dev.godwit.cli.GlobalOptions;
import dev.godwit.cli.Output;
import dev.godwit.cli.Session;
import dev.godwit.prometheus.GodwitMetrics;
import dev.godwit.metrics.State;
import dev.godwit.prometheus.Textfile;
import dev.godwit.run.RunEvent;
import dev.godwit.run.RunListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --metrics-file PATH}: the metrics are written during a run (at its start, when it takes the lock,
 * after each migration, at its end — so "in progress" is visible while it lasts) and once more when the
 * command ends, with the database's state read then.
 */
public final class MetricsExport {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsExport.class);

    private MetricsExport() {}

    /** {@code listener}, plus the metrics and the file when --metrics-file is given. */
    public static RunListener wrap(GlobalOptions g, RunListener listener) {
        Optional<GodwitMetrics> metrics = g.metrics();
        Optional<Path> file = g.metricsFile();
        if (metrics.isEmpty() || file.isEmpty()) {
            return listener;
        }
        RunListener update = metrics.get().listener();
        return RunListener.both(listener, e -> {
            update.on(e);
            if (e instanceof RunEvent.RunStarted || e instanceof RunEvent.LockAcquired
                    || e instanceof RunEvent.MigrationApplied || e instanceof RunEvent.MigrationFailed
                    || e instanceof RunEvent.RunFinished) {
                write(metrics.get(), file.get(), null);
            }
        });
    }

    /** After any command: the state now, then the file. A file that cannot be written is a warning. */
    public static void afterCommand(GlobalOptions g, PrintWriter err) {
        Optional<GodwitMetrics> metrics = g.metrics();
        Optional<Path> file = g.metricsFile();
        if (metrics.isEmpty() || file.isEmpty()) {
            return;
        }
        metrics.get().runEnded();
        Output quiet = new Output(new PrintWriter(PrintWriter.nullWriter()), err, true, false);
        try {
            Session s = Session.of(g, quiet, Session.CommandOverrides.NONE);
            metrics.get().update(s.godwit().state());
        } catch (Exception e) {
            LOG.info("metrics: the database's state could not be read: {}", e.getMessage());
            metrics.get().databaseDown();
        }
        write(metrics.get(), file.get(), err);
    }

    private static void write(GodwitMetrics metrics, Path file, PrintWriter err) {
        try {
            Textfile.write(file, metrics.text());
            LOG.info("metrics written to {}", file);
        } catch (IOException | RuntimeException e) {
            if (err != null) {
                err.println("godwit: warning: could not write the metrics file " + file + ": " + e.getMessage());
            }
        }
    }
}
