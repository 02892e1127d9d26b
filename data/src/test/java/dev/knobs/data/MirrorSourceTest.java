package dev.knobs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MirrorSource} against a web server on the loopback address, serving gzip files, and
 * misbehaving: stalling in the middle of a body, trickling, sending far too much. The limits are
 * set low for those tests; the test waits for the download to give up, the server for the test
 * to end (it never sleeps to synchronise with the client).
 */
class MirrorSourceTest {

    @TempDir
    Path dir;

    private static final byte[] ALPHA = "alpha".getBytes(StandardCharsets.UTF_8);
    private static final KnownFile A = new KnownFile("a.bin", 5, "0".repeat(64));
    private static final KnownFile B = new KnownFile("b.bin", 5, "0".repeat(64));
    private static final KnownFile C = new KnownFile("c.bin", 5, "0".repeat(64));

    private HttpServer server;
    private ExecutorService handlers;
    private URI base;
    /** Released when the test ends, to free the handlers that wait or trickle. */
    private final CountDownLatch testOver = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        Map<String, byte[]> files = Map.of(
                "/mnist/a.bin.gz", IdxBytes.gzip(ALPHA),
                "/mnist/c.bin.gz", "<html>not gzip</html>".getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        // Headers for the whole body, then half of it, then nothing until the test is over.
        server.createContext("/stall/", exchange -> {
            byte[] body = IdxBytes.gzip(ALPHA);
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            awaitQuietly(testOver, 60_000);
            exchange.close();
        });
        // A gzip header whose file-name field never ends, one byte every few milliseconds.
        server.createContext("/trickle/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[] {0x1f, (byte) 0x8b, 8, 8, 0, 0, 0, 0, 0, (byte) 0xff});
                do {
                    out.write('a');
                    out.flush();
                } while (!awaitQuietly(testOver, 5));
            } catch (IOException clientGone) {
                // the download was given up: what the test waits for
            }
        });
        // A valid gzip file of 1 MB for a file of 5 bytes.
        server.createContext("/big/", exchange -> {
            byte[] body = IdxBytes.gzip(new byte[1 << 20]);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGone) {
                // cut off, as it should be
            }
        });
        // The same endless gzip header as above, as fast as the client takes it.
        server.createContext("/endless/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] name = new byte[1 << 12];
            Arrays.fill(name, (byte) 'a');
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[] {0x1f, (byte) 0x8b, 8, 8, 0, 0, 0, 0, 0, (byte) 0xff});
                for (int i = 0; i < 1 << 16 && testOver.getCount() > 0; i++) {
                    out.write(name);
                }
            } catch (IOException clientGone) {
                // cut off, as it should be
            }
        });
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
    }

    @AfterEach
    void stop() {
        testOver.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    /** Waits for {@code latch} at most {@code millis}; true if it was released. */
    private static boolean awaitQuietly(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private MirrorSource misbehaving(String folder, Duration stall, long minBytesPerSecond) {
        URI at = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
        return new MirrorSource(at, Duration.ofSeconds(30), stall, minBytesPerSecond);
    }

    @Test
    void aMirrorThatStallsInTheMiddleOfTheBodyIsGivenUp() throws IOException {
        Path target = Files.createTempFile(dir, "a", ".tmp");
        // 1 byte per second would allow 5 s for the file, so it is the 0.3 s of silence that ends it.
        MirrorSource stalling = misbehaving("stall", Duration.ofMillis(300), 1);
        Source.Unavailable e = assertThrows(Source.Unavailable.class, () -> stalling.fetch(A, target));
        assertTrue(e.getMessage().contains("stalled: nothing for 0.3 s"), e.getMessage());
        assertTrue(e.getMessage().contains("/stall/a.bin.gz"), e.getMessage());
    }

    @Test
    void aMirrorThatTricklesIsGivenUpAtTheDeadline() throws IOException {
        Path target = Files.createTempFile(dir, "a", ".tmp");
        // Never 2 s of silence, but 5 bytes at 1 MB/s leave 2 s in all.
        MirrorSource trickling = misbehaving("trickle", Duration.ofSeconds(2), 1_000_000);
        Source.Unavailable e = assertThrows(Source.Unavailable.class, () -> trickling.fetch(A, target));
        assertTrue(e.getMessage().contains("too slow"), e.getMessage());
    }

    @Test
    void aMirrorThatSendsMoreThanTheFileIsCutOff() throws IOException {
        Path target = Files.createTempFile(dir, "a", ".tmp");
        IOException big = assertThrows(IOException.class, () -> misbehaving("big", MirrorSource.STALL_TIMEOUT,
                MirrorSource.MIN_BYTES_PER_SECOND).fetch(A, target));
        assertFalse(big instanceof Source.Unavailable, "the mirror works, the file is wrong");
        assertTrue(big.getMessage().contains("unpacks to more than the 5 bytes of a.bin"), big.getMessage());
        assertTrue(Files.size(target) <= A.size(), "never more than the file's size is written");

        IOException endless = assertThrows(IOException.class, () -> misbehaving("endless", MirrorSource.STALL_TIMEOUT,
                MirrorSource.MIN_BYTES_PER_SECOND).fetch(A, target));
        assertTrue(endless.getMessage().contains("sends more than 4101 bytes"), endless.getMessage());
        assertFalse(endless.getMessage().contains("\n"));
    }

    @Test
    void downloadsAndUnpacksTheGzipFile() throws IOException {
        Path target = Files.createTempFile(dir, "a", ".tmp");
        new MirrorSource(base).fetch(A, target);
        assertArrayEquals(ALPHA, Files.readAllBytes(target));
    }

    @Test
    void aMissingFileFailsThatFileOnly() {
        IOException e = assertThrows(IOException.class,
                () -> new MirrorSource(base).fetch(B, Files.createTempFile(dir, "b", ".tmp")));
        assertFalse(e instanceof Source.Unavailable, "the mirror itself works");
        assertTrue(e.getMessage().contains("HTTP status 404 for " + base + "b.bin.gz"), e.getMessage());
    }

    @Test
    void aPageThatIsNotGzipFails() {
        IOException e = assertThrows(IOException.class,
                () -> new MirrorSource(base).fetch(C, Files.createTempFile(dir, "c", ".tmp")));
        assertFalse(e instanceof Source.Unavailable);
    }

    @Test
    void aClosedPortMakesTheMirrorUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        MirrorSource closed = new MirrorSource(URI.create("http://127.0.0.1:" + port + "/mnist/"));
        Source.Unavailable e = assertThrows(Source.Unavailable.class,
                () -> closed.fetch(A, Files.createTempFile(dir, "a", ".tmp")));
        assertTrue(e.getMessage().contains("cannot connect to 127.0.0.1"), e.getMessage());
    }
}
