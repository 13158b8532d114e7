package dev.postline.connectors.gmail;

import com.google.api.client.http.javanet.ConnectionFactory;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the Gmail client's connections and remembers those of the call under way, so that closing a
 * session cuts a request in flight (the core closes a session to end a pending wait, and a hung answer
 * would otherwise hold it for the whole read timeout).
 */
final class OpenConnections implements ConnectionFactory {

    private final Set<HttpURLConnection> open = ConcurrentHashMap.newKeySet();

    @Override
    public HttpURLConnection openConnection(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        open.add(connection);
        return connection;
    }

    /** The call is over: its connections went back to the keep-alive cache or were closed. */
    void forget() {
        open.clear();
    }

    void disconnectAll() {
        for (HttpURLConnection connection : open) {
            connection.disconnect();
        }
        open.clear();
    }
}
