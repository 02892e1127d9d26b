package dev.knobs.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A directory that must hold a fixed set of {@link KnownFile}s, filled from a list of
 * {@link Source}s on first use.
 *
 * <p>{@link #fill()} works in three steps:
 * <ol>
 *   <li>Check the files already in the directory. A file counts only if its SHA-256 matches; one
 *       that does not is reported and fetched again, never used. Every file is hashed on every
 *       call: nothing about a file but its content is trusted (see below).</li>
 *   <li>Ask each source in order for the files still missing. Each download goes to a temporary
 *       file in the same directory, is hashed, and only if the checksum matches is it moved into
 *       place with an atomic rename, so that a half-written or wrong file never carries the real
 *       name. A source that is unreachable as a whole is not asked for the remaining files.</li>
 *   <li>Write the marker file {@value #MARKER} when what was verified differs from what it
 *       records: the SHA-256 of each file, in the format of {@code sha256sum}, so that
 *       {@code sha256sum -c .verified} in the directory checks the files by hand.</li>
 * </ol>
 * If files are still missing after the last source, a {@link DataException} lists every source
 * tried, why each failed, and what to do.
 *
 * <p>Why hash every time. The marker used to let a file whose size and modification time matched
 * it pass without hashing; but a file can change and keep both (a tool that puts the time back,
 * a copy made with times preserved, a bad disk), and then a damaged file would have been used as verified.
 * Hashing is cheap next to reading the files: MNIST's 55 MB take about 0.1 s to hash once the JVM
 * is warm and 0.2 to 0.5 s in a fresh one, measured on a busy 2-core machine (Java's SHA-256 uses
 * the processor's SHA instructions once compiled), while reading the same files into a dataset
 * takes about 2 s there. So the content is checked on every call, and the marker is a record of
 * what was verified, not a shortcut: it only decides whether a "verified" line is printed.
 *
 * <p>Progress goes to {@code log} (the programs pass {@code System.err}): one line per file
 * fetched and one when files were verified for the first time or anew (after a fetch or a
 * change). When the files are those the marker records, nothing is printed.
 */
public final class DataCache {

    /** Name of the marker file recording what was verified. */
    public static final String MARKER = ".verified";

    private static final Object IN_PROCESS_LOCK = new Object();

    private final String label;
    private final Path dir;
    private final List<KnownFile> files;
    private final List<Source> sources;
    private final String help;
    private final PrintStream log;

    /**
     * @param label   what the files are, for messages, e.g. {@code "MNIST"}
     * @param dir     the cache directory (created if needed)
     * @param files   the files it must hold
     * @param sources where to get them, tried in this order
     * @param help    the last sentences of the failure message: what a person can do by hand
     * @param log     where progress lines go
     */
    public DataCache(String label, Path dir, List<KnownFile> files, List<Source> sources, String help,
                     PrintStream log) {
        this.label = label;
        this.dir = dir;
        this.files = List.copyOf(files);
        this.sources = List.copyOf(sources);
        this.help = help;
        this.log = log;
    }

    /** The cache directory. */
    public Path dir() {
        return dir;
    }

    /**
     * Makes sure {@link #dir()} holds every file with its expected checksum, fetching what is
     * missing or wrong. Safe to call from several threads and several processes at once: they wait
     * for each other on a lock file, and the later ones find the work done.
     *
     * @throws DataException if a file could not be had from any source, or the directory cannot be written
     */
    public void fill() {
        synchronized (IN_PROCESS_LOCK) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new DataException("Cannot create the " + label + " data directory " + dir + " (" + e
                        + "). Create it by hand, or choose another directory.", e);
            }
            FileChannel channel = null;
            FileLock lock = null;
            try {
                channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = channel.lock();
            } catch (IOException | RuntimeException e) {
                // a read-only directory or a file system without locks: go on unlocked
            }
            try {
                fillLocked();
            } finally {
                closeQuietly(lock, channel);
            }
        }
    }

    private void fillLocked() {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Set<String> unavailable = new HashSet<>();
        List<KnownFile> missing = new ArrayList<>();

        // 1. What is already here and verified?
        String cache = "the cache " + dir;
        List<String> absent = new ArrayList<>();
        for (KnownFile file : files) {
            Path path = dir.resolve(file.name());
            if (!Files.isRegularFile(path)) {
                missing.add(file);
                absent.add(file.name());
                continue;
            }
            String found = hashOrReason(path);
            if (!file.sha256().equals(found)) {
                String mismatch = mismatch(file, path, found);
                log.println(label + ": cached " + mismatch + "; fetching it again");
                problem(problems, cache, mismatch);
                missing.add(file);
            }
        }
        if (!absent.isEmpty()) {
            problem(problems, cache, "missing " + listOf(absent));
        }

        // 2. Ask each source for what is still missing.
        boolean verifiedNow = !missing.isEmpty() || !readMarker().equals(record());
        for (Source source : sources) {
            if (missing.isEmpty()) {
                break;
            }
            List<String> notOffered = new ArrayList<>();
            try (source) {
                for (KnownFile file : List.copyOf(missing)) {
                    if (unavailable.contains(source.name())) {
                        break;
                    }
                    if (!source.offers(file)) {
                        notOffered.add(file.name());
                    } else if (fetchAndVerify(source, file, problems, unavailable)) {
                        missing.remove(file);
                    }
                }
            }
            if (!notOffered.isEmpty()) {
                problem(problems, source.name(), "none for " + listOf(notOffered));
            }
        }

        if (!missing.isEmpty()) {
            throw new DataException(failure(missing, problems));
        }
        // 3. Record what was verified, for people and to keep the next run quiet.
        if (verifiedNow) {
            writeMarker();
            log.println(label + ": verified " + files.size() + (files.size() == 1 ? " file in " : " files in ") + dir);
        }
    }

    /**
     * Fetches {@code file} from {@code source} into a temporary file and moves it into place if its
     * checksum matches. Returns true if the file is now in the cache.
     */
    private boolean fetchAndVerify(Source source, KnownFile file, Map<String, List<String>> problems,
                                   Set<String> unavailable) {
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + file.name() + "-", ".tmp");
            log.print(label + ": fetching " + file.name() + " from " + source.describe(file) + " ... ");
            log.flush();
            source.fetch(file, temp);
            String found = KnownFile.sha256Of(temp);
            if (!file.sha256().equals(found)) {
                String mismatch = mismatch(file, temp, found) + " (discarded)";
                log.println("rejected: " + mismatch);
                problem(problems, source.name(), mismatch);
                return false;
            }
            log.println(size(Files.size(temp)));
            Files.move(temp, dir.resolve(file.name()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (Source.Unavailable e) {
            log.println("failed: " + e.getMessage());
            unavailable.add(source.name());
            problem(problems, source.name(), "unavailable, " + e.getMessage());
            return false;
        } catch (IOException | DataException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            log.println("failed: " + reason);
            problem(problems, source.name(), file.name() + ": " + reason);
            return false;
        } finally {
            deleteQuietly(temp);
        }
    }

    private String failure(List<KnownFile> missing, Map<String, List<String>> problems) {
        StringBuilder text = new StringBuilder();
        text.append(label).append(": could not get ")
                .append(listOf(missing.stream().map(KnownFile::name).toList()))
                .append(" into ").append(dir).append(". Sources tried, in order:");
        int i = 1;
        for (Map.Entry<String, List<String>> e : problems.entrySet()) {
            text.append(" (").append(i++).append(") ").append(e.getKey()).append(": ")
                    .append(String.join("; ", e.getValue())).append('.');
        }
        for (Source source : sources) {
            if (!problems.containsKey(source.name())) {
                text.append(" (").append(i++).append(") ").append(source.name()).append(": not needed.");
            }
        }
        return text.append(' ').append(help).toString();
    }

    /** "all 4 files" when the list holds every file, else the names. */
    private String listOf(List<String> names) {
        return names.size() == files.size() && files.size() > 1 ? "all " + files.size() + " files"
                : String.join(", ", names);
    }

    private static String mismatch(KnownFile file, Path path, String found) {
        long size = -1;
        try {
            size = Files.size(path);
        } catch (IOException ignored) {
            // the size is only decoration for the message
        }
        return file.name() + " has SHA-256 " + found + " (" + size + " bytes), expected " + file.sha256() + " ("
                + file.size() + " bytes)";
    }

    private static void problem(Map<String, List<String>> problems, String source, String text) {
        problems.computeIfAbsent(source, k -> new ArrayList<>()).add(text);
    }

    private static String hashOrReason(Path path) {
        try {
            return KnownFile.sha256Of(path);
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private static String size(long bytes) {
        return bytes < 1_000_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    // ---- the marker: one line "sha256  name" per verified file, as sha256sum writes it ----

    /** What the marker should say once every file is verified: name to SHA-256. */
    private Map<String, String> record() {
        Map<String, String> record = new HashMap<>();
        files.forEach(f -> record.put(f.name(), f.sha256()));
        return record;
    }

    /** What the marker says; empty if there is none or it cannot be read. */
    private Map<String, String> readMarker() {
        Map<String, String> recorded = new HashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(MARKER))) {
                if (line.matches("[0-9a-f]{64}  \\S.*")) {
                    recorded.put(line.substring(66), line.substring(0, 64));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no marker or an unreadable one: the files are verified just the same, and the marker rewritten
        }
        return recorded;
    }

    private void writeMarker() {
        StringBuilder text = new StringBuilder();
        for (KnownFile file : files) {
            text.append(file.sha256()).append("  ").append(file.name()).append('\n');
        }
        try {
            Path temp = Files.createTempFile(dir, MARKER + "-", ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, dir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a read-only directory: the files are verified; the "verified" line will just be printed again next time
        }
    }

    private static void closeQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the lock goes away with the process anyway
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover .tmp file is harmless: it never carries a real file name
        }
    }
}
