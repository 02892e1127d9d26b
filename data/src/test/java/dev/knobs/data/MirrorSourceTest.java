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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MirrorSource} against a web server on the loopback address, serving gzip files. */
class MirrorSourceTest {

    @TempDir
    Path dir;

    private static final byte[] ALPHA = "alpha".getBytes(StandardCharsets.UTF_8);
    private static final KnownFile A = new KnownFile("a.bin", 5, "0".repeat(64));
    private static final KnownFile B = new KnownFile("b.bin", 5, "0".repeat(64));
    private static final KnownFile C = new KnownFile("c.bin", 5, "0".repeat(64));

    private HttpServer server;
    private URI base;

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
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
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
