package dev.postline.connectors.graph;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postline.connectors.api.ConnectorException;
import dev.postline.connectors.api.FailureKind;
import dev.postline.connectors.api.FetchBatch;
import dev.postline.connectors.api.FetchedMessage;
import dev.postline.connectors.api.GraphCursor;
import dev.postline.connectors.api.InitialSync;
import dev.postline.connectors.api.SyncCursor;
import dev.postline.connectors.api.UnfetchableItem;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pulls the inbox through message delta. Rounds start with {@code changeType=created} (updates and
 * removals are not Postline's business; a removal that slips through is ignored) and {@code $select=id}
 * (the MIME is fetched separately). Every added message is downloaded with {@code $value}; a message
 * deleted before its download is skipped (there is nothing left to import).
 */
final class DeltaFetcher {

    /** Messages requested per page; bounds the cursor fragment (see {@link DeltaPosition}). */
    static final int MAX_PAGE_SIZE = 50;
    /** Page size while running a round to its end without importing (initial "from now" cursor). */
    static final int SKIP_PAGE_SIZE = 500;
    /** Pages without new mail followed in one fetch before returning an empty batch with {@code more}. */
    static final int MAX_PAGES_WITHOUT_MAIL = 20;

    private static final String INBOX_DELTA = "/me/mailFolders/inbox/messages/delta?changeType=created&$select=id";

    private final GraphHttp http;
    private final GraphEndpoint endpoint;

    DeltaFetcher(GraphHttp http, GraphEndpoint endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    SyncCursor initialCursor(InitialSync start) throws ConnectorException {
        return switch (start) {
            case InitialSync.FromNow ignored -> runToEnd(endpoint.resolve(INBOX_DELTA));
            case InitialSync.Since since when since.instant().equals(Instant.EPOCH) ->
                    new GraphCursor(endpoint.resolve(INBOX_DELTA).toString());
            case InitialSync.Since since -> new GraphCursor(endpoint.resolve(INBOX_DELTA + "&$filter="
                    + URLEncoder.encode("receivedDateTime ge " + since.instant().truncatedTo(ChronoUnit.SECONDS),
                    StandardCharsets.UTF_8)).toString());
        };
    }

    /** Follows a round to its delta link without downloading anything: "only mail from now on". */
    private GraphCursor runToEnd(URI link) throws ConnectorException {
        while (true) {
            JsonNode page = page(link, SKIP_PAGE_SIZE);
            if (page.hasNonNull("@odata.deltaLink")) {
                return new GraphCursor(nextOf(page));
            }
            link = URI.create(nextOf(page));
        }
    }

    /**
     * {@code alone}: a message whose {@code $value} download fails (a server error for this message, while
     * the delta page was served) is reported as unfetchable instead of failing the fetch.
     */
    FetchBatch fetch(DeltaPosition since, int maxMessages, boolean alone) throws ConnectorException {
        List<FetchedMessage> batch = new ArrayList<>();
        DeltaPosition position = since;
        int pagesWithoutMail = 0;
        while (true) {
            JsonNode page = page(position.link(), Math.min(MAX_PAGE_SIZE, Math.max(1, maxMessages - batch.size())));
            List<String> fresh = freshIds(page, position);
            boolean roundOver = page.hasNonNull("@odata.deltaLink");
            DeltaPosition following = DeltaPosition.at(nextOf(page));
            DeltaPosition inPage = position;
            for (int i = 0; i < fresh.size(); i++) {
                if (batch.size() == maxMessages) {
                    return new FetchBatch(batch, inPage.cursor(), true);
                }
                String id = fresh.get(i);
                byte[] raw;
                try {
                    raw = mime(id);
                } catch (ConnectorException e) {
                    if (!alone || !batch.isEmpty() || (e.kind() != FailureKind.NETWORK && e.kind() != FailureKind.PERMANENT)) {
                        throw e;
                    }
                    SyncCursor past = i == fresh.size() - 1 ? following.cursor() : inPage.with(id).cursor();
                    return FetchBatch.stoppedAt(inPage.cursor(), new UnfetchableItem(id, e.reason(), past));
                }
                inPage = inPage.with(id);
                SyncCursor after = i == fresh.size() - 1 ? following.cursor() : inPage.cursor();
                if (raw != null) {
                    batch.add(new FetchedMessage(id, raw, after));
                }
            }
            if (roundOver) {
                return new FetchBatch(batch, following.cursor(), false);
            }
            pagesWithoutMail = fresh.isEmpty() ? pagesWithoutMail + 1 : 0;
            if (batch.size() >= maxMessages || pagesWithoutMail >= MAX_PAGES_WITHOUT_MAIL) {
                return new FetchBatch(batch, following.cursor(), true);
            }
            position = following;
        }
    }

    JsonNode page(URI link, int pageSize) throws ConnectorException {
        return http.json(http.request(link, "odata.maxpagesize=" + pageSize).GET(), "reading the inbox's changes");
    }

    /** Ids of messages the page reports as added, minus those already done at this position. */
    static List<String> freshIds(JsonNode page, DeltaPosition position) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : page.path("value")) {
            String id = entry.path("id").asText("");
            if (!id.isEmpty() && entry.path("@removed").isMissingNode() && !position.isDone(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The page's delta link (round over) or next link, checked to be under the service root. */
    String nextOf(JsonNode page) throws ConnectorException {
        JsonNode link = page.hasNonNull("@odata.deltaLink") ? page.get("@odata.deltaLink") : page.get("@odata.nextLink");
        if (link == null || !link.isTextual()) {
            throw new ConnectorException(FailureKind.NETWORK, "Microsoft Graph sent a delta page without a next or delta link");
        }
        try {
            if (endpoint.owns(URI.create(link.asText()))) {
                return link.asText();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ConnectorException(FailureKind.PERMANENT, "Microsoft Graph returned a link outside its service root");
    }

    /** The message's MIME, or {@code null} when it no longer exists. */
    private byte[] mime(String id) throws ConnectorException {
        URI uri = endpoint.resolve("/me/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/$value");
        HttpResponse<byte[]> response = http.send(http.request(uri, null).GET(), "downloading a message", Set.of(404));
        return response.statusCode() == 404 ? null : response.body();
    }
}
