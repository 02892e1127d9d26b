package dev.knobs.lessons.common;

import java.io.PrintStream;

/**
 * A console progress bar with a rate and an ETA, for training runs:
 * <pre>
 *   dropout 0.2   [##########··········]  52%  4/8 epochs  0:11 left  val 97.9%
 * </pre>
 * On a terminal it redraws one line in place (at most 5 times a second); when the output is a
 * file or a build log it prints a line every 15 seconds and a final line, so logs stay short.
 */
public final class ProgressBar {
    private static final int BAR = 20;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_NANOS = 15_000_000_000L;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;
    private String status = "";

    /**
     * @param label what is running, e.g. the configuration name
     * @param total number of units of work (epochs, steps)
     * @param unit  name of a unit for the counter, e.g. {@code "epochs"}
     */
    public ProgressBar(String label, long total, String unit, PrintStream out) {
        this(label, total, unit, out, System.console() != null);
    }

    ProgressBar(String label, long total, String unit, PrintStream out, boolean interactive) {
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.out = out;
        this.interactive = interactive;
        this.lastDraw = start;
    }

    /** Records {@code units} more units done and what to show after the counter. */
    public void advance(long units, String newStatus) {
        done = Math.min(total, done + units);
        status = newStatus == null ? "" : newStatus;
        long now = System.nanoTime();
        if (interactive && now - lastDraw >= REDRAW_NANOS) {
            out.print("\r" + line(now) + "  ");
            out.flush();
            lastDraw = now;
        } else if (!interactive && now - lastDraw >= LOG_NANOS) {
            out.println(line(now));
            lastDraw = now;
        }
    }

    /** Prints the final state on its own line. */
    public void finish(String finalStatus) {
        status = finalStatus == null ? status : finalStatus;
        String text = line(System.nanoTime());
        out.println(interactive ? "\r" + text + "  " : text);
    }

    /** The text of the bar at time {@code now}. */
    String line(long now) {
        double fraction = (double) done / total;
        int filled = (int) Math.round(fraction * BAR);
        double elapsed = (now - start) / 1e9;
        String time = done == 0 ? "--:--" : done >= total ? clock(elapsed) + " total" : clock(elapsed / fraction - elapsed) + " left";
        return String.format("  %-24s [%s%s] %3d%%  %d/%d %s  %s  %s", truncate(label, 24), "#".repeat(filled),
                "·".repeat(BAR - filled), Math.round(fraction * 100), done, total, unit, time, status).stripTrailing();
    }

    /** {@code m:ss}, or {@code h:mm:ss} past an hour. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
