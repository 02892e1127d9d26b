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
 *       that does not is reported and fetched again, never used.</li>
 *   <li>Ask each source in order for the files still missing. Each download goes to a temporary
 *       file in the same directory, is hashed, and only if the checksum matches is it moved into
 *       place with an atomic rename, so that a half-written or wrong file never carries the real
 *       name. A source that is unreachable as a whole is not asked for the remaining files.</li>
 *   <li>Write the marker file {@value #MARKER}: size, modification time and checksum of each
 *       verified file. Next time, a file whose size and time still match the marker is trusted
 *       without hashing it again.</li>
 * </ol>
 * If files are still missing after the last source, a {@link DataException} lists every source
 * tried, why each failed, and what to do.
 *
 * <p>Progress goes to {@code log} (the programs pass {@code System.err}): one line per file
 * fetched and one when files were verified. When everything is already verified, nothing is printed.
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
        Map<String, Marker> marked = readMarker();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Set<String> unavailable = new HashSet<>();
        List<KnownFile> missing = new ArrayList<>();
        boolean hashed = false;

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
            if (matchesMarker(path, file, marked.get(file.name()))) {
                continue;
            }
            hashed = true;
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
        boolean verifiedNow = hashed || !missing.isEmpty();
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
        // 3. Remember what was verified, so the next run need not hash 55 MB again.
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

    // ---- the marker: one line "name size mtimeMillis sha256" per verified file ----

    private record Marker(long size, long modifiedMillis, String sha256) {
    }

    private boolean matchesMarker(Path path, KnownFile file, Marker marker) {
        if (marker == null || !marker.sha256().equals(file.sha256())) {
            return false;
        }
        try {
            return Files.size(path) == marker.size()
                    && Files.getLastModifiedTime(path).toMillis() == marker.modifiedMillis();
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, Marker> readMarker() {
        Map<String, Marker> marked = new HashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(MARKER))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4) {
                    marked.put(f[0], new Marker(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no marker or an unreadable one: every file gets hashed, which is slower but just as safe
        }
        return marked;
    }

    private void writeMarker() {
        StringBuilder text = new StringBuilder();
        try {
            for (KnownFile file : files) {
                Path path = dir.resolve(file.name());
                text.append(file.name()).append(' ').append(Files.size(path)).append(' ')
                        .append(Files.getLastModifiedTime(path).toMillis()).append(' ').append(file.sha256())
                        .append('\n');
            }
            Path temp = Files.createTempFile(dir, MARKER + "-", ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, dir.resolve(MARKER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a read-only directory: the files are verified, they will just be hashed again next time
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
