package dev.knobs.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * A web mirror of the original gzip files: {@code base + name + ".gz"}, unpacked while downloading.
 *
 * <p>Offline, or where only some hosts are reachable, a mirror must fail fast rather than hang:
 * the connection gets {@link #CONNECT_TIMEOUT} and the answer's first bytes {@link #ANSWER_TIMEOUT}.
 * A mirror that cannot be reached at all (unknown host, refused or timed-out connection) is
 * {@link Source.Unavailable}, so the remaining files are not tried against it: with two mirrors
 * the worst case costs two connect timeouts, not eight. Proxies set with the standard
 * {@code -Dhttps.proxyHost}/{@code -Dhttps.proxyPort} properties are used.
 */
public final class MirrorSource implements Source {

    /** How long to wait for a connection before calling the mirror unreachable. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long to wait for the answer's headers once connected. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final HttpClient client;

    /** @param base the mirror's folder, ending in {@code /}, e.g. {@code https://example.org/mnist/} */
    public MirrorSource(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(ProxySelector.getDefault())
                .build();
    }

    @Override
    public String name() {
        return "mirror " + base;
    }

    @Override
    public String describe(KnownFile file) {
        return url(file).toString();
    }

    @Override
    public void fetch(KnownFile file, Path target) throws IOException {
        URI url = url(file);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(ANSWER_TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + url.getHost(), e);
        } catch (IOException e) {
            throw unreachable(url, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode() + " for " + url);
            }
            try (InputStream unpacked = new GZIPInputStream(body, 1 << 16)) {
                Files.copy(unpacked, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private URI url(KnownFile file) {
        return base.resolve(file.name() + ".gz");
    }

    /** A connection-level failure, with a reason a person understands. */
    private static IOException unreachable(URI url, IOException e) {
        String host = url.getHost();
        if (hasCause(e, UnresolvedAddressException.class)) {
            return new Unavailable("could not resolve host " + host + " (no network, or no DNS for it)", e);
        }
        if (hasCause(e, HttpConnectTimeoutException.class)) {
            return new Unavailable("no connection to " + host + " within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        }
        if (hasCause(e, HttpTimeoutException.class)) {
            return new Unavailable("no answer from " + host + " within " + ANSWER_TIMEOUT.toSeconds() + " s", e);
        }
        if (hasCause(e, ConnectException.class)) {
            return new Unavailable("cannot connect to " + host + " (refused, or no route to it)", e);
        }
        return new Unavailable("cannot reach " + host + ": " + e, e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
