package dev.postline.connectors.gmail;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The Gmail client's transport, one per session, on the JDK {@link HttpClient} the factory shares among its
 * sessions: so connections are kept between polls. {@code NetHttpTransport} (HttpURLConnection) keeps an idle
 * connection 5 s, and at most 5 per host, when the server names no {@code Keep-Alive} timeout (Google's does
 * not): a poll every 15 s opened a new TLS connection each time. The JDK client keeps idle HTTP/1.1
 * connections 30 s without a cap and speaks HTTP/2 to Google, one connection for many requests at once.
 *
 * <p>The request body is buffered before sending (the JDK client wants a publisher, the library writes to a
 * stream); requests are never retried here, and the JDK client retries no POST on its own. Every request and
 * answer of the call under way is remembered, so that {@link #cutAll()} cuts a call in flight when the session
 * closes (the core closes a session to end a pending wait). The read timeout applies to the answer's headers
 * (the request's timeout) and to every read of its body ({@link ReadTimeoutStream}).
 */
final class JdkHttpTransport extends HttpTransport {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "connection", "host", "expect", "upgrade");

    private final HttpClient client;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final Set<ReadTimeoutStream> bodies = ConcurrentHashMap.newKeySet();

    JdkHttpTransport(HttpClient client) {
        this.client = client;
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) {
        return new Request(method, url);
    }

    /** The call is over: its answers were read and closed, their connections went back to the pool. */
    void forget() {
        pending.clear();
        bodies.clear();
    }

    /** Cuts the call in flight: its caller gets an IOException. */
    void cutAll() {
        for (CompletableFuture<?> f : pending) {
            f.cancel(true);
        }
        for (ReadTimeoutStream body : bodies) {
            body.abort();
        }
        forget();
    }

    private final class Request extends LowLevelHttpRequest {
        private final String method;
        private final URI uri;
        private final List<String[]> headers = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(30);

        Request(String method, String url) {
            this.method = method;
            this.uri = URI.create(url);
        }

        @Override
        public void addHeader(String name, String value) {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(new String[] {name, value});
            }
        }

        @Override
        public void setTimeout(int connectTimeout, int readTimeout) {
            if (readTimeout > 0) {
                timeout = Duration.ofMillis(readTimeout);
            }
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
            if ("http".equalsIgnoreCase(uri.getScheme())) {
                builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade with a loopback double
            }
            for (String[] header : headers) {
                builder.header(header[0], header[1]);
            }
            if (getContentType() != null) {
                builder.setHeader("Content-Type", getContentType());
            }
            if (getContentEncoding() != null) {
                builder.setHeader("Content-Encoding", getContentEncoding());
            }
            HttpRequest.BodyPublisher content = HttpRequest.BodyPublishers.noBody();
            if (getStreamingContent() != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                getStreamingContent().writeTo(bytes);
                content = HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
            }
            CompletableFuture<HttpResponse<InputStream>> answer =
                    client.sendAsync(builder.method(method, content).build(), HttpResponse.BodyHandlers.ofInputStream());
            pending.add(answer);
            try {
                HttpResponse<InputStream> response = answer.get();
                ReadTimeoutStream body = new ReadTimeoutStream(response.body(), timeout);
                bodies.add(body);
                return new Response(response, body);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause());
            } catch (CancellationException e) {
                throw new IOException("request cut short", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.cancel(true);
                throw new InterruptedIOException("interrupted");
            } finally {
                pending.remove(answer);
            }
        }
    }

    private static final class Response extends LowLevelHttpResponse {
        private final HttpResponse<InputStream> response;
        private final InputStream body;
        private final List<String[]> headers = new ArrayList<>();

        Response(HttpResponse<InputStream> response, InputStream body) {
            this.response = response;
            this.body = body;
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                if (!header.getKey().startsWith(":")) {
                    for (String value : header.getValue()) {
                        headers.add(new String[] {header.getKey(), value});
                    }
                }
            }
        }

        @Override
        public InputStream getContent() {
            return body;
        }

        @Override
        public String getContentEncoding() {
            return response.headers().firstValue("Content-Encoding").orElse(null);
        }

        @Override
        public long getContentLength() {
            return response.headers().firstValueAsLong("Content-Length").orElse(-1);
        }

        @Override
        public String getContentType() {
            return response.headers().firstValue("Content-Type").orElse(null);
        }

        @Override
        public String getStatusLine() {
            return (response.version() == HttpClient.Version.HTTP_2 ? "HTTP/2 " : "HTTP/1.1 ") + response.statusCode();
        }

        @Override
        public int getStatusCode() {
            return response.statusCode();
        }

        @Override
        public String getReasonPhrase() {
            return null; // the JDK client does not keep it
        }

        @Override
        public int getHeaderCount() {
            return headers.size();
        }

        @Override
        public String getHeaderName(int index) {
            return headers.get(index)[0];
        }

        @Override
        public String getHeaderValue(int index) {
            return headers.get(index)[1];
        }

        @Override
        public void disconnect() throws IOException {
            body.close();
        }
    }
}
