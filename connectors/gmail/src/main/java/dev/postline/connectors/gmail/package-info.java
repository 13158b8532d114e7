/**
 * The Gmail API connector.
 *
 * <h2>Sync</h2>
 * The cursor is the mailbox {@code historyId}. A first import or a resync (after {@code users.history.list}
 * answers 404 for a start id Gmail no longer keeps) is a <em>listing</em>: {@code users.messages.list} with
 * label INBOX and {@code q=after:<epoch>}, deduplicated by id, handed out oldest first, while the cursor
 * remembers the history id taken before the listing began; then history continues from there. The core's
 * reaction to {@code CURSOR_INVALID} (a fresh {@code initialCursor(since(now - resyncWindow))}) is exactly
 * that bounded resync.
 *
 * <h2>Push (designed, not built)</h2>
 * Waiting polls {@code users.history.list}. Push would be an optional capability interface in the SPI
 * (e.g. {@code PushSubscriptions}: {@code subscribe(topic)} / {@code renew()} / {@code stop()}), implemented here as:
 * <ol>
 *   <li>{@code POST users/me/watch} with {@code topicName} (a Cloud Pub/Sub topic the platform owns, on which
 *       {@code gmail-api-push@system.gserviceaccount.com} may publish), {@code labelIds=[INBOX]},
 *       {@code labelFilterBehavior=include}; the answer's {@code expiration} (about 7 days) is stored and the
 *       watch renewed daily, {@code users.stop} on disconnect;</li>
 *   <li>a push endpoint in the server (Pub/Sub push subscription, authenticated by the OIDC token Pub/Sub
 *       attaches) decoding {@code message.data} to {@code {emailAddress, historyId}}, mapping the address to
 *       its touchpoint(s) and waking that touchpoint's sync, never carrying mail itself;</li>
 *   <li>the poll kept as reconciliation at the core's reconcile interval, because a push is a hint: a lost
 *       notification costs latency, never mail.</li>
 * </ol>
 * It needs a public HTTPS endpoint and a Google Cloud project per installation, which this platform does
 * not have here; hence polling.
 */
package dev.postline.connectors.gmail;
