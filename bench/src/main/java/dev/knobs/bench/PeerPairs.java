package dev.knobs.bench;

import dev.knobs.data.Mnist;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knobs against a peer program, as interleaved pairs: the ratios of the speed targets, measured
 * the way "Comparing figures" in bench/README.md asks, in one command.
 *
 * <pre>
 *   mvn -B -q -pl bench exec:java -Dexec.args="pairs" -Dknobs.peer=path/to/mlp_numpy.py
 * </pre>
 *
 * <p>Why this order: the machine's speed drifts over tens of seconds (other tenants, the clock), so
 * each side's run must sit next to the other's. A pair is, in order: Knobs trains the big network
 * (one warm-up and 2 timed epochs), the peer trains it too and then times its inference on the test
 * set; Knobs times its inference; Knobs trains the small network (3 timed epochs), then the peer.
 * Each comparison is therefore made between two runs a few seconds apart, and the summary is the
 * median of the pairs' ratios with their range.
 *
 * <p>The peer is any program that takes {@code --arch big|small --epochs N} and prints
 * {@code RESULT ... : ... ; N examples/s; ...} and {@code RESULT ... inference ...; N images/s}
 * lines (the from-scratch numpy MLP does). It gets the MNIST folder in {@code MNIST_DIR} and 2
 * threads ({@code OMP_NUM_THREADS}, {@code OPENBLAS_NUM_THREADS}), the thread count Knobs uses.
 * Properties: {@code knobs.peer} (the script, required), {@code knobs.pairs} (default 5),
 * {@code knobs.python} (default {@code python3}).
 */
public final class PeerPairs {
    static final String PEER_PROPERTY = "knobs.peer";
    static final String PAIRS_PROPERTY = "knobs.pairs";
    static final String PYTHON_PROPERTY = "knobs.python";
    static final int THREADS = 2;

    private static final Pattern TRAINING = Pattern.compile("^RESULT (?!.*inference).*?([0-9.]+) examples/s");
    private static final Pattern INFERENCE = Pattern.compile("^RESULT .*inference.*?([0-9.]+) images/s");

    private PeerPairs() {}

    /** What one run of the peer printed: examples per second, and images per second (NaN if it printed none). */
    record PeerResult(double examplesPerSecond, double imagesPerSecond) {}

    /** A ratio's summary over the pairs. */
    record Summary(double median, double min, double max, int pairs) {}

    /** A peer that could not be run or whose output lacks a figure: the message says what to do. */
    static final class PeerException extends RuntimeException {
        PeerException(String message) {
            super(message);
        }
    }

    /**
     * Runs the pairs and prints each pair's ratios, then their medians. Returns normally after
     * printing an {@code error:} line if the peer is missing or fails, so the parts named after
     * this one still run.
     */
    public static void run(PrintStream out, PeakBench.Peak[] peaks) {
        String script = System.getProperty(PEER_PROPERTY, "").trim();
        if (script.isEmpty()) {
            out.println("error: pairs needs the peer's script: add -D" + PEER_PROPERTY
                    + "=<path to mlp_numpy.py> (and -D" + PAIRS_PROPERTY + "=N for other than 5 pairs)");
            return;
        }
        int pairs;
        try {
            pairs = Integer.parseInt(System.getProperty(PAIRS_PROPERTY, "5").trim());
        } catch (NumberFormatException e) {
            pairs = 0;
        }
        if (pairs < 1) {
            out.println("error: -D" + PAIRS_PROPERTY + " must be a whole number of pairs, 1 or more (5 for the targets' medians), got '"
                    + System.getProperty(PAIRS_PROPERTY) + "'");
            return;
        }
        Path peer = Path.of(script);
        if (!Files.isRegularFile(peer)) {
            out.println("error: the peer's script " + peer.toAbsolutePath() + " does not exist; give its path with -D"
                    + PEER_PROPERTY + "=...");
            return;
        }
        String python = System.getProperty(PYTHON_PROPERTY, "python3");
        Path mnist = Mnist.fetch();
        var data = Mnist.load(mnist);
        Dataset train = Scaling.toUnitRange(data.train());
        Dataset test = Scaling.toUnitRange(data.test());
        int[] big = {784, 1024, 1024, 1024, 10};
        Sequential bigForInference = InferBench.network(big);
        int[] small = {784, 256, 128, 10};
        double[] bigRatios = new double[pairs];
        double[] smallRatios = new double[pairs];
        double[] inferRatios = new double[pairs];
        try {
            for (int p = 0; p < pairs; p++) {
                out.printf(Locale.ROOT, "pair %d of %d (load average %s)%n", p + 1, pairs, Bench.loadAverage());
                double knobsBig = TrainBench.run(out, train, test, big, THREADS, 2, peaks);
                PeerResult peerBig = runPeer(out, python, peer, "big", 2, mnist);
                if (Double.isNaN(peerBig.imagesPerSecond())) {
                    throw new PeerException("the peer printed no 'RESULT ... inference ... images/s' line after training the big network");
                }
                double knobsInfer = InferBench.bestBatch(out, bigForInference, Mlp.architecture(big), test);
                double knobsSmall = TrainBench.run(out, train, test, small, THREADS, 3, peaks);
                PeerResult peerSmall = runPeer(out, python, peer, "small", 3, mnist);
                bigRatios[p] = knobsBig / peerBig.examplesPerSecond();
                smallRatios[p] = knobsSmall / peerSmall.examplesPerSecond();
                inferRatios[p] = knobsInfer / peerBig.imagesPerSecond();
                out.printf(Locale.ROOT, "pair %d: big training %.2fx, small training %.2fx, big inference %.2fx%n",
                        p + 1, bigRatios[p], smallRatios[p], inferRatios[p]);
            }
        } catch (PeerException e) {
            out.println("error: " + e.getMessage());
            return;
        }
        out.println("ratios to the peer, median of " + pairs + " interleaved pairs (min to max):");
        out.println("  " + line("big training", summarise(bigRatios)));
        out.println("  " + line("small training", summarise(smallRatios)));
        out.println("  " + line("big inference", summarise(inferRatios)));
    }

    static String line(String what, Summary s) {
        return String.format(Locale.ROOT, "%s: %.2fx (%.2f to %.2f, %d pairs)", what, s.median(), s.min(), s.max(), s.pairs());
    }

    /** The median (mean of the two middle values for an even count), smallest and largest of {@code ratios}. */
    static Summary summarise(double[] ratios) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return new Summary(TrainBench.median(sorted), sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /**
     * Runs the peer once for {@code arch} and {@code epochs} timed epochs, echoes its RESULT lines
     * and returns its figures.
     *
     * @throws PeerException if it cannot start, exits with an error, or prints no training figure
     */
    static PeerResult runPeer(PrintStream out, String python, Path script, String arch, int epochs, Path mnist) {
        List<String> command = List.of(python, script.toString(), "--arch", arch, "--epochs", Integer.toString(epochs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("MNIST_DIR", mnist.toAbsolutePath().toString());
        env.put("OMP_NUM_THREADS", Integer.toString(THREADS));
        env.put("OPENBLAS_NUM_THREADS", Integer.toString(THREADS));
        env.remove("OPENBLAS_CORETYPE");                         // let OpenBLAS pick its kernels for this processor
        env.remove("OPENBLAS_L2_SIZE");
        List<String> lines = new ArrayList<>();
        int exit;
        try {
            Process process = builder.start();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            exit = process.waitFor();
        } catch (IOException e) {
            throw new PeerException("could not start the peer (" + String.join(" ", command) + "): " + e.getMessage()
                    + "; is " + python + " installed? Another interpreter: -D" + PYTHON_PROPERTY + "=...");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while the peer ran");
        }
        PeerResult result = parse(lines);
        if (exit != 0 || Double.isNaN(result.examplesPerSecond())) {
            throw new PeerException("the peer (" + String.join(" ", command) + ") "
                    + (exit != 0 ? "exited with status " + exit : "printed no 'RESULT ... examples/s' line")
                    + "; its last lines:\n" + lastLines(lines, 5));
        }
        for (String line : lines) {
            if (line.startsWith("RESULT")) {
                out.println("  peer: " + line);
            }
        }
        return result;
    }

    /** The training and inference figures in the peer's output lines (NaN for each one missing). */
    static PeerResult parse(List<String> lines) {
        double examples = Double.NaN;
        double images = Double.NaN;
        for (String line : lines) {
            Matcher inference = INFERENCE.matcher(line);
            Matcher training = TRAINING.matcher(line);
            if (inference.find()) {
                images = Double.parseDouble(inference.group(1));
            } else if (training.find()) {
                examples = Double.parseDouble(training.group(1));
            }
        }
        return new PeerResult(examples, images);
    }

    private static String lastLines(List<String> lines, int count) {
        Deque<String> last = new ArrayDeque<>();
        for (String line : lines) {
            last.addLast("    " + line);
            if (last.size() > count) {
                last.removeFirst();
            }
        }
        return last.isEmpty() ? "    (nothing)" : String.join("\n", last);
    }
}
