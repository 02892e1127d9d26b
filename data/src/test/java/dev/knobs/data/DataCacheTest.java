package dev.knobs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCacheTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private static final byte[] ALPHA = "alpha".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BETA = "beta!".getBytes(StandardCharsets.UTF_8);
    private static final KnownFile A = new KnownFile("a.bin", ALPHA.length, sha256(ALPHA));
    private static final KnownFile B = new KnownFile("b.bin", BETA.length, sha256(BETA));

    /** SHA-256 straight from the JDK, as a reference independent of {@link KnownFile#sha256Of}. */
    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Hands out fixed bytes per file name and counts what it is asked. */
    private static final class FakeSource implements Source {
        final String name;
        final Map<String, byte[]> contents;
        int fetches;
        boolean closed;

        FakeSource(String name, Map<String, byte[]> contents) {
            this.name = name;
            this.contents = contents;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void fetch(KnownFile file, Path target) throws IOException {
            fetches++;
            byte[] bytes = contents.get(file.name());
            if (bytes == null) {
                throw new IOException("HTTP status 404");
            }
            Files.write(target, bytes);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Unreachable as a whole, like a mirror without network. */
    private static final class DeadSource implements Source {
        int fetches;

        @Override
        public String name() {
            return "dead mirror";
        }

        @Override
        public void fetch(KnownFile file, Path target) throws IOException {
            fetches++;
            throw new Source.Unavailable("could not resolve host dead.example");
        }
    }

    private DataCache cache(List<KnownFile> files, Source... sources) {
        return new DataCache("TEST", dir, files, List.of(sources), "Put the files there by hand.", log);
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void sha256MatchesTheStandardTestVector() throws IOException {
        Path abc = Files.writeString(dir.resolve("abc"), "abc");
        // FIPS 180-2, appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", KnownFile.sha256Of(abc));
    }

    @Test
    void wrongBytesAreRejectedAndNothingIsMovedIntoTheCache() throws IOException {
        byte[] wrong = "alpHa".getBytes(StandardCharsets.UTF_8);
        FakeSource liar = new FakeSource("liar", Map.of("a.bin", wrong));

        DataException e = assertThrows(DataException.class, () -> cache(List.of(A), liar).fill());

        String m = e.getMessage();
        assertTrue(m.contains("a.bin has SHA-256 " + sha256(wrong)), m);
        assertTrue(m.contains("expected " + A.sha256()), m);
        assertTrue(m.contains("liar"), m);
        assertTrue(m.endsWith("Put the files there by hand."), m);
        assertFalse(Files.exists(dir.resolve("a.bin")));
        assertTrue(listing().stream().noneMatch(n -> n.contains("a.bin") || n.endsWith(".tmp")), listing()::toString);
        assertFalse(Files.exists(dir.resolve(DataCache.MARKER)));
        assertTrue(liar.closed);
    }

    @Test
    void theNextSourceIsTriedAfterARejection() throws IOException {
        FakeSource liar = new FakeSource("liar", Map.of("a.bin", "ALPHA".getBytes(StandardCharsets.UTF_8)));
        FakeSource honest = new FakeSource("honest", Map.of("a.bin", ALPHA, "b.bin", BETA));

        cache(List.of(A, B), liar, honest).fill();

        assertArrayEquals(ALPHA, Files.readAllBytes(dir.resolve("a.bin")));
        assertArrayEquals(BETA, Files.readAllBytes(dir.resolve("b.bin")));
        assertEquals(2, liar.fetches, "the liar is asked for both files, and fails both");
        assertEquals(2, honest.fetches);
        assertTrue(Files.exists(dir.resolve(DataCache.MARKER)));
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("TEST: verified 2 files in " + dir));
    }

    @Test
    void aCachedFileWithAWrongChecksumIsReportedAndFetchedAgain() throws IOException {
        Files.writeString(dir.resolve("a.bin"), "stale");
        FakeSource honest = new FakeSource("honest", Map.of("a.bin", ALPHA));

        cache(List.of(A), honest).fill();

        assertArrayEquals(ALPHA, Files.readAllBytes(dir.resolve("a.bin")));
        String out = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("cached a.bin has SHA-256 " + sha256("stale".getBytes(StandardCharsets.UTF_8))), out);
        assertTrue(out.contains("fetching it again"), out);
    }

    @Test
    void aVerifiedCacheIsQuietAndAsksNoSource() {
        FakeSource honest = new FakeSource("honest", Map.of("a.bin", ALPHA));
        cache(List.of(A), honest).fill();
        logBytes.reset();

        FakeSource never = new FakeSource("never", Map.of());
        cache(List.of(A), never).fill();

        assertEquals(0, never.fetches);
        assertEquals("", logBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFileChangedBehindTheMarkersBackIsCaughtEvenWithItsSizeAndTimeRestored() throws IOException {
        cache(List.of(A), new FakeSource("honest", Map.of("a.bin", ALPHA))).fill();
        Path a = dir.resolve("a.bin");
        FileTime verifiedAt = Files.getLastModifiedTime(a);

        // Same size, same modification time, different bytes: the marker cannot vouch for it.
        Files.writeString(a, "ALPHA");
        Files.setLastModifiedTime(a, verifiedAt);
        assertEquals(A.size(), Files.size(a));
        logBytes.reset();
        FakeSource honest = new FakeSource("honest", Map.of("a.bin", ALPHA));
        cache(List.of(A), honest).fill();

        assertEquals(1, honest.fetches);
        assertArrayEquals(ALPHA, Files.readAllBytes(a));
        String out = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("cached a.bin has SHA-256 " + sha256("ALPHA".getBytes(StandardCharsets.UTF_8))), out);
    }

    @Test
    void theMarkerRecordsTheChecksumsAsSha256sumWritesThemAndOnlyDecidesWhatIsPrinted() throws IOException {
        cache(List.of(A, B), new FakeSource("honest", Map.of("a.bin", ALPHA, "b.bin", BETA))).fill();
        assertEquals(A.sha256() + "  a.bin\n" + B.sha256() + "  b.bin\n", Files.readString(dir.resolve(DataCache.MARKER)));

        // A new modification time with the same bytes: hashed, still right, nothing to say.
        Files.setLastModifiedTime(dir.resolve("a.bin"), FileTime.fromMillis(0));
        logBytes.reset();
        FakeSource never = new FakeSource("never", Map.of());
        cache(List.of(A, B), never).fill();
        assertEquals("", logBytes.toString(StandardCharsets.UTF_8));
        assertEquals(0, never.fetches);

        // No marker (or one in an older format): the files are verified and the record written again.
        Files.writeString(dir.resolve(DataCache.MARKER), "a.bin 5 1700000000000 " + A.sha256() + "\n");
        cache(List.of(A, B), never).fill();
        assertEquals("TEST: verified 2 files in " + dir, logBytes.toString(StandardCharsets.UTF_8).strip());
        assertTrue(Files.readString(dir.resolve(DataCache.MARKER)).startsWith(A.sha256() + "  a.bin"));
    }

    @Test
    void anUnavailableSourceIsAskedOnlyOnce() throws IOException {
        DeadSource dead = new DeadSource();
        FakeSource honest = new FakeSource("honest", Map.of("a.bin", ALPHA, "b.bin", BETA));

        cache(List.of(A, B), dead, honest).fill();

        assertEquals(1, dead.fetches);
        assertTrue(Files.exists(dir.resolve("b.bin")));
    }

    @Test
    void whenEverySourceFailsTheMessageListsEachWithItsReason() {
        DeadSource dead = new DeadSource();
        FakeSource partial = new FakeSource("partial", Map.of("a.bin", ALPHA));

        DataException e = assertThrows(DataException.class, () -> cache(List.of(A, B), dead, partial).fill());

        String m = e.getMessage();
        assertTrue(m.startsWith("TEST: could not get b.bin into " + dir), m);
        assertTrue(m.contains("(1) the cache " + dir + ": missing all 2 files."), m);
        assertTrue(m.contains("(2) dead mirror: unavailable, could not resolve host dead.example."), m);
        assertTrue(m.contains("(3) partial: b.bin: HTTP status 404."), m);
        assertFalse(m.contains("\n"), "one paragraph");
        assertTrue(Files.exists(dir.resolve("a.bin")), "what did verify is kept");
    }

    @Test
    void gzipCopiesInTheDirectoryAreUnpackedAndVerified() throws IOException {
        Files.write(dir.resolve("a.bin.gz"), IdxBytes.gzip(ALPHA));

        cache(List.of(A), new LocalCopiesSource(dir)).fill();

        assertArrayEquals(ALPHA, Files.readAllBytes(dir.resolve("a.bin")));
        assertTrue(Files.exists(dir.resolve("a.bin.gz")), "the copy is left alone");
    }
}
