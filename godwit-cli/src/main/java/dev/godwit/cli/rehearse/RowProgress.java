package dev.godwit.cli.rehearse;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The rows a rehearsal writes before its trace, as a progress bar on standard error; only on a terminal and
 * never with {@code --json} (as the backup's byte counter).
 */
public final class RowProgress implements AutoCloseable {

    private final boolean show;
    private ProgressBar bar;

    private RowProgress(boolean show) {
        this.show = show;
    }

    public static RowProgress of(boolean show) {
        return new RowProgress(show);
    }

    public void update(long done, long total) {
        if (!show) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("rows").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .showSpeed().setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
        }
        bar.maxHint(total);
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
