package dev.postline.connectors.imap;

import jakarta.mail.MessagingException;
import java.util.concurrent.CompletableFuture;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.iap.ResponseHandler;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * Notices every EXISTS response on an open folder's connection that reports more messages than
 * the client knew of, whichever command it came with: a check's response, the responses Angus
 * reads (and swallows) while starting IDLE, or a notification during IDLE. Handlers run
 * synchronously on the thread that reads the response, so {@link #arrived()} is complete before
 * that command returns.
 *
 * <p>The count starts at the folder's EXISTS from SELECT/EXAMINE and follows EXPUNGE responses, so
 * a server repeating an unchanged EXISTS does not count as an arrival.
 */
final class ArrivalWatch implements ResponseHandler, AutoCloseable {

    private final CompletableFuture<Void> arrived = new CompletableFuture<>();
    private IMAPProtocol protocol;
    private int known;

    /** A watch that knows of {@code known} messages, not yet listening to any connection. */
    ArrivalWatch(int known) {
        this.known = known;
    }

    /** Starts watching a folder just opened; close the watch before the folder. */
    static ArrivalWatch on(IMAPFolder folder) throws MessagingException {
        // Cached from the open (Angus NOOPs first only if that was over a second ago).
        ArrivalWatch watch = new ArrivalWatch(SelectedFolder.messageCount(folder));
        SelectedFolder.command(folder, p -> {
            watch.protocol = p;
            p.addResponseHandler(watch);
            return null;
        });
        return watch;
    }

    @Override
    public synchronized void handleResponse(Response r) {
        if (!(r instanceof IMAPResponse ir) || !ir.isUnTagged()) {
            return;
        }
        if (ir.keyEquals("EXISTS")) {
            if (ir.getNumber() > known) {
                arrived.complete(null);
            }
            known = ir.getNumber();
        } else if (ir.keyEquals("EXPUNGE")) {
            known = Math.max(0, known - 1);
        }
    }

    /** Completes at the first arrival seen. */
    CompletableFuture<Void> arrived() {
        return arrived;
    }

    boolean seen() {
        return arrived.isDone();
    }

    /** The connection goes back to Angus' pool with the folder: leave no handler behind. */
    @Override
    public void close() {
        if (protocol != null) {
            protocol.removeResponseHandler(this);
        }
    }
}
