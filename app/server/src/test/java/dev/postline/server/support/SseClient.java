package dev.postline.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream in the background and queues each event's data line. */
public final class SseClient implements AutoCloseable {

    private final BlockingQueue<String> data = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Stream<String> lines;

    public SseClient(URI uri, String bearerToken) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "text/event-stream").build();
        reader = Thread.ofVirtual().start(() -> {
            try {
                HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
                lines = response.body();
                lines.filter(line -> line.startsWith("data:")).forEach(line -> data.add(line.substring(5).strip()));
            } catch (IOException | InterruptedException | RuntimeException e) {
                // Closed by the test, or the server went away: the queue simply stops growing.
            }
        });
    }

    /** The next event's data, or null when none arrives within the timeout. */
    public String next(Duration timeout) throws InterruptedException {
        return data.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        Stream<String> open = lines;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
    }
}
