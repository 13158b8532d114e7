package dev.postline.mail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The headers that mark mail as automated (RFC 3834 and common practice), as found in the
 * top-level header section, trimmed and unfolded. Interpretation is
 * {@link AutomatedMailClassifier}'s job; this record only reports what is there.
 *
 * @param returnPath the Return-Path address without angle brackets; present but empty for the
 *     null reverse-path {@code <>} that bounces and auto-replies use
 * @param xLoop every X-Loop value, in header order
 * @param failedRecipients the addresses listed in X-Failed-Recipients
 * @param listHeaders the names of every {@code List-*} and {@code X-Mailman-*} header, as written
 * @param groupOnlyRecipients To and Cc name only groups and no mailbox ({@code IETF-Announce:;},
 *     {@code undisclosed-recipients:;}): addressed to nobody in particular
 */
public record AutomationHeaders(
        Optional<String> autoSubmitted,
        Optional<String> precedence,
        Optional<String> xAutoreply,
        Optional<String> xAutorespond,
        List<String> xLoop,
        Optional<String> listId,
        Optional<String> listUnsubscribe,
        Optional<String> returnPath,
        Optional<String> autoResponseSuppress,
        List<String> failedRecipients,
        List<String> listHeaders,
        boolean groupOnlyRecipients) {

    public static final AutomationHeaders NONE = new AutomationHeaders(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), List.of(), false);

    public AutomationHeaders {
        Objects.requireNonNull(autoSubmitted, "autoSubmitted");
        Objects.requireNonNull(precedence, "precedence");
        Objects.requireNonNull(xAutoreply, "xAutoreply");
        Objects.requireNonNull(xAutorespond, "xAutorespond");
        xLoop = List.copyOf(xLoop);
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(listUnsubscribe, "listUnsubscribe");
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(autoResponseSuppress, "autoResponseSuppress");
        failedRecipients = List.copyOf(failedRecipients);
        listHeaders = List.copyOf(listHeaders);
    }

    /** True for {@code Return-Path: <>}, the null reverse-path. */
    public boolean returnPathEmpty() {
        return returnPath.filter(String::isEmpty).isPresent();
    }
}
