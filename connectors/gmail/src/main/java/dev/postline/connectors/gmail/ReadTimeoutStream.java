package dev.postline.connectors.gmail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An answer's body that fails with {@link SocketTimeoutException} when no byte arrives for the read timeout,
 * as HttpURLConnection's reads did: the JDK HttpClient's request timeout ends with the response headers, and a
 * server that stalls in the middle of a body would otherwise hold the sync loop until the session closes.
 * A watchdog closes the stream, which wakes a blocked read.
 */
final class ReadTimeoutStream extends FilterInputStream {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gmail-read-timeout");
        t.setDaemon(true);
        return t;
    });

    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean timedOut;

    ReadTimeoutStream(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(50, timeout.toMillis() / 4);
        this.check = WATCHDOG.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (System.nanoTime() - lastProgress > timeoutNanos) {
            timedOut = true;
            abort();
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            lastProgress = System.nanoTime();
            return b;
        } catch (IOException e) {
            throw timedOut ? timeout(e) : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = super.read(buffer, offset, length);
            lastProgress = System.nanoTime();
            return n;
        } catch (IOException e) {
            throw timedOut ? timeout(e) : e;
        }
    }

    private static SocketTimeoutException timeout(IOException cause) {
        SocketTimeoutException e = new SocketTimeoutException("read timed out");
        e.initCause(cause);
        return e;
    }

    /**
     * Reads to the end first (the watchdog still bounds it), then closes. The JDK client returns a connection to
     * its pool only once the whole body has arrived; closing earlier cancels the body and closes the connection,
     * and the JSON parser closes the stream as soon as it has read the last brace, which can be a moment before
     * the client has seen the end. The end of the stream comes after the connection went back to the pool.
     */
    @Override
    public void close() {
        try {
            byte[] rest = new byte[8192];
            while (!timedOut && read(rest, 0, rest.length) >= 0) {
                // drained
            }
        } catch (IOException e) {
            // the connection is gone: nothing left to keep
        } finally {
            abort();
        }
    }

    /** Closes at once, whatever is unread: the connection is closed with it. */
    void abort() {
        check.cancel(false);
        try {
            in.close();
        } catch (IOException ignored) {
            // closed anyway
        }
    }
}
