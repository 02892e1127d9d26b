package dev.knobs.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Once the answer has started, the body is read as it arrives and a mirror still cannot hang
 * the build or fill the disk:
 * <ul>
 *   <li>each read waits at most {@link #STALL_TIMEOUT} for the next bytes, so a mirror that sends
 *       its headers and then falls silent is given up after that long;</li>
 *   <li>the whole body must arrive within {@link #STALL_TIMEOUT} plus the file's size at
 *       {@link #MIN_BYTES_PER_SECOND}, so a mirror that trickles a byte now and then is given up
 *       too (about 8 minutes for the largest MNIST file, whose download is 10 MB);</li>
 *   <li>at most the file's expected size is written, and at most that size plus a margin for
 *       gzip's overhead is read; a mirror that sends more is cut off with a one-line message.</li>
 * </ul>
 * A stalled or too slow mirror is {@link Source.Unavailable}; one that sends too much fails that file.
 */
public final class MirrorSource implements Source {

    /** How long to wait for a connection before calling the mirror unreachable. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long to wait for the answer's headers once connected. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    /** How long the body may stay silent before the download is given up. */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(20);
    /** The slowest download accepted, in unpacked bytes per second (the gzip files are 2 to 5 times smaller). */
    public static final long MIN_BYTES_PER_SECOND = 100_000;

    private final URI base;
    private final HttpClient client;
    private final Duration answerTimeout;
    private final Duration stallTimeout;
    private final long minBytesPerSecond;

    /** @param base the mirror's folder, ending in {@code /}, e.g. {@code https://example.org/mnist/} */
    public MirrorSource(URI base) {
        this(base, ANSWER_TIMEOUT, STALL_TIMEOUT, MIN_BYTES_PER_SECOND);
    }

    /** With other limits than the defaults, so that tests of a misbehaving mirror finish quickly. */
    MirrorSource(URI base, Duration answerTimeout, Duration stallTimeout, long minBytesPerSecond) {
        this.base = base;
        this.answerTimeout = answerTimeout;
        this.stallTimeout = stallTimeout;
        this.minBytesPerSecond = minBytesPerSecond;
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
        HttpRequest request = HttpRequest.newBuilder(url).timeout(answerTimeout).GET().build();
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + url.getHost(), e);
        } catch (IOException e) {
            throw unreachable(url, e);
        }
        long readLimit = file.size() + file.size() / 64 + 4096;     // gzip adds far less than this
        Duration allowed = stallTimeout.plusMillis(file.size() * 1000 / minBytesPerSecond);
        Body body = new Body(url, readLimit, stallTimeout, allowed);
        response.body().subscribe(body);
        try (body) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode() + " for " + url);
            }
            try (InputStream unpacked = new GZIPInputStream(body, 1 << 16);
                 OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[1 << 16];
                long written = 0;
                for (int n; (n = unpacked.read(buffer)) > 0; written += n) {
                    if (written + n > file.size()) {
                        throw new IOException(url + " unpacks to more than the " + file.size() + " bytes of "
                                + file.name() + ": not the expected file; download aborted");
                    }
                    out.write(buffer, 0, n);
                }
            }
        }
    }

    private URI url(KnownFile file) {
        return base.resolve(file.name() + ".gz");
    }

    /** A connection-level failure, with a reason a person understands. */
    private IOException unreachable(URI url, IOException e) {
        String host = url.getHost();
        if (hasCause(e, UnresolvedAddressException.class)) {
            return new Unavailable("could not resolve host " + host + " (no network, or no DNS for it)", e);
        }
        if (hasCause(e, HttpConnectTimeoutException.class)) {
            return new Unavailable("no connection to " + host + " within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        }
        if (hasCause(e, HttpTimeoutException.class)) {
            return new Unavailable("no answer from " + host + " within " + seconds(answerTimeout), e);
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

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /**
     * A response body as an input stream, with the limits of a download: each read waits at most
     * {@code stall} for the next bytes, the whole body must have arrived within {@code allowed}
     * of the start, and more than {@code limit} bytes are refused. The HTTP client hands over the
     * bytes in lists of buffers; one list is asked for at a time, so little is ever held here.
     */
    private static final class Body extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
        private static final Object END = new Object();

        private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();  // lists, END or a Throwable
        private final URI url;
        private final long limit;
        private final Duration stall;
        private final Duration allowed;
        private final long deadline;
        private volatile Flow.Subscription subscription;
        private Iterator<ByteBuffer> pending = Collections.emptyIterator();
        private ByteBuffer current = ByteBuffer.allocate(0);
        private long received;
        private boolean ended;

        Body(URI url, long limit, Duration stall, Duration allowed) {
            this.url = url;
            this.limit = limit;
            this.stall = stall;
            this.allowed = allowed;
            this.deadline = System.nanoTime() + allowed.toNanos();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            arrived.add(buffers);
        }

        @Override
        public void onError(Throwable t) {
            arrived.add(t);
        }

        @Override
        public void onComplete() {
            arrived.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        @SuppressWarnings("unchecked")
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!current.hasRemaining()) {
                if (pending.hasNext()) {
                    current = pending.next();
                } else if (ended) {
                    return -1;
                } else {
                    Object next = next();
                    if (next == END) {
                        ended = true;
                    } else {
                        pending = ((List<ByteBuffer>) next).iterator();
                        subscription.request(1);
                    }
                }
            }
            int n = Math.min(len, current.remaining());
            if (received + n > limit) {
                throw new IOException(url + " sends more than " + limit + " bytes, more than its file can take even"
                        + " compressed: not the expected file; download aborted");
            }
            current.get(b, off, n);
            received += n;
            return n;
        }

        private Object next() throws IOException {
            long wait = Math.min(stall.toNanos(), deadline - System.nanoTime());
            Object next;
            try {
                next = wait > 0 ? arrived.poll(wait, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while downloading " + url);
            }
            if (next == null && deadline - System.nanoTime() <= 0) {
                throw new Unavailable("the download of " + url + " was too slow: " + received + " bytes in "
                        + seconds(allowed) + ", the most it may take; given up");
            }
            if (next == null) {
                throw new Unavailable("the download of " + url + " stalled: nothing for " + seconds(stall) + " after "
                        + received + " bytes; given up");
            }
            if (next instanceof Throwable t) {
                throw t instanceof IOException io ? io : new IOException("download of " + url + " failed: " + t, t);
            }
            return next;
        }

        @Override
        public void close() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
