package dev.knobs.search.spark;

import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.search.run.LocalBackend;
import dev.knobs.search.run.TrialRun;
import dev.knobs.search.run.TrialWork;
import dev.knobs.search.strategy.TrialSpec;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;

/**
 * One trial, as a Spark task runs it on an executor: gets the machine ready ({@link TrialWork#prepare},
 * which fetches and verifies MNIST into that machine's cache if it is not there), runs the trial into
 * a temporary folder, and packs the folder's files to be shipped back to the driver.
 *
 * @param work       what the trial does
 * @param spec       the trial
 * @param folderName the run folder's name (so the lesson names its run as on the driver)
 */
public record RemoteTrial(TrialWork work, TrialSpec spec, String folderName) implements Serializable {

    /** Runs on the executor. */
    public ShippedRun call() {
        long start = System.nanoTime();
        long cpu = LocalBackend.cpuNanos();
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 1 : task.attemptNumber() + 1;
        work.prepare();
        Path temp = null;
        try {
            temp = Files.createTempDirectory("knobs-trial-");
            Path out = temp.resolve(folderName);
            TrialRun run = work.run(spec, out);
            return new ShippedRun(run, files(out), LocalBackend.host(), attempt, (System.nanoTime() - start) / 1e9,
                    (LocalBackend.cpuNanos() - cpu) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException("trial " + spec.trial() + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    AtomicFiles.deleteTree(temp);
                } catch (IOException ignored) {
                    // a temporary folder left behind is the operating system's to clean
                }
            }
        }
    }

    /** Every file under {@code folder}, by its path relative to it; nothing if the trial wrote no folder. */
    static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** Writes shipped files as the run folder {@code target}: into a staging folder, then swapped in whole. */
    static void unpack(Map<String, byte[]> files, Path target) throws IOException {
        Path staging = target.resolveSibling(target.getFileName() + ".shipped");
        AtomicFiles.deleteTree(staging);
        Files.createDirectories(staging);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = staging.resolve(f.getKey()).normalize();
            if (!file.startsWith(staging)) {
                throw new IOException("a shipped file would land outside its run folder: " + f.getKey());
            }
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
        }
        AtomicFiles.replaceDirectory(staging, target);
    }

    /** The names of the files shipped, for messages. */
    static List<String> names(Map<String, byte[]> files) {
        return List.copyOf(files.keySet());
    }
}
