package dev.godwit.cli.commands;

import dev.godwit.cli.CliFailure;
import dev.godwit.cli.ExitCodes;
import dev.godwit.cli.Session;
import dev.godwit.prometheus.Exporter;
import dev.godwit.prometheus.GodwitMetrics;
import dev.godwit.metrics.State;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", description = "A long-running Prometheus exporter: /metrics (Godwit's metrics, read from"
        + " the database at each scrape) and /health (JSON: ok, or degraded with reasons). Stops on Ctrl-C.")
public final class ServeCommand extends BaseCommand {

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 9187; 0: any free port).")
    int port = 9187;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default 127.0.0.1, this"
            + " machine only; 0.0.0.0 for every interface, e.g. in a container scraped from outside).")
    String bind = "127.0.0.1";

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CliFailure(ExitCodes.USAGE, "--port must be from 0 to 65535, not " + port);
        }
        Session s = session();
        GodwitMetrics metrics = new GodwitMetrics();
        Exporter.StateSource source = () -> s.godwit().state();
        Exporter exporter;
        try {
            exporter = new Exporter(new InetSocketAddress(bind, port), metrics, source,
                    s.config().preflight().backupWarnAge(), s.config().connection().display());
        } catch (java.net.BindException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        exporter.start();
        // Tests and scripts read the port from this line (with --port 0 it is the one the system chose).
        out().line("serving http://" + bind + ":" + exporter.port() + "/metrics and /health for "
                + s.config().connection().display());
        spec.commandLine().getOut().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(exporter::close));
        Thread.currentThread().join();
        return ExitCodes.OK;
    }
}
