/**
 * The Gmail API connector.
 *
 * <h2>Google's client library, and what we keep</h2>
 * Requests go through {@code google-api-services-gmail} on {@code google-api-client} ({@link JdkHttpTransport}: the JDK HttpClient,
 * Gson): the library builds the URLs and query parameters, serializes the typed models ({@code Profile},
 * {@code ListHistoryResponse}, {@code ListMessagesResponse}, {@code Message} with {@code encodeRaw} /
 * {@code decodeRaw}), compresses request bodies, writes the media upload and parses Gmail's error body into a
 * {@code GoogleJsonResponseException}. So the connector follows Google's own API surface rather than a
 * hand-written copy of it. What the library would otherwise also do, we keep to ourselves on purpose:
 * <ul>
 *   <li><b>Credentials.</b> {@link BearerRequests} puts the core's access token on every request. No
 *       google-auth credentials: they would refresh on their own and need the refresh token, while the core's
 *       token service owns refresh (single-flight across nodes, rotation persisted, grant lifecycle).</li>
 *   <li><b>Retries.</b> None in the library (no unsuccessful-response or IOException handler, zero retries, no
 *       redirects, uploads not resumed) and one in the connector: a second try after a 401, because the core
 *       may have refreshed the token meanwhile. Everything else is classified ({@link GmailErrors}: status,
 *       {@code error.errors[].reason}, {@code Retry-After}) and the core decides: a library retry would hide a
 *       {@code 429} or {@code rateLimitExceeded} from the core's backoff and could send a message twice.</li>
 *   <li><b>Quota.</b> {@link UnitBudget} counts each method's units before the call, per mailbox.</li>
 *   <li><b>Root URL.</b> Always set explicitly ({@code GmailSettings#apiRoot}): Google's fixed root in
 *       production, a loopback double in tests only where the host policy allows private networks.</li>
 *   <li><b>Uploads.</b> Messages over 5 MB are one {@code uploadType=multipart} request rather than the
 *       library's default resumable upload, whose use (resuming) needs the client-side retries we turn off.</li>
 * </ul>
 *
 * <h2>Sync</h2>
 * The cursor is the mailbox {@code historyId}. A first import or a resync (after {@code users.history.list}
 * answers 404 for a start id Gmail no longer keeps) is a <em>listing</em>: {@code users.messages.list} with
 * label INBOX and {@code q=after:<epoch>}, deduplicated by id, handed out oldest first, while the cursor
 * remembers the history id taken before the listing began; then history continues from there. The core's
 * reaction to {@code CURSOR_INVALID} (a fresh {@code initialCursor(since(now - resyncWindow))}) is exactly
 * that bounded resync.
 *
 * <h2>Push (optional)</h2>
 * Waiting polls {@code users.history.list} ({@link ChangePoller}). Sessions also implement the SPI's optional
 * capabilities, which the core uses when the installation is configured for Gmail push:
 * <ol>
 *   <li>{@link dev.postline.connectors.api.ChangeSubscriptions} ({@link GmailWatch}): {@code POST users/me/watch}
 *       with {@code topicName} (a Cloud Pub/Sub topic the platform owns, on which
 *       {@code gmail-api-push@system.gserviceaccount.com} may publish), {@code labelIds=[INBOX]},
 *       {@code labelFilterBehavior=include}, 100 quota units; the answer's {@code expiration} (about 7 days)
 *       is returned and the core watches again daily; {@code users.stop} when the touchpoint stops syncing;</li>
 *   <li>{@link dev.postline.connectors.api.ChangeHints}: the server's Pub/Sub push endpoint (authenticated by
 *       the OIDC token Pub/Sub attaches) decodes {@code message.data} to {@code {emailAddress, historyId}},
 *       maps the address to its touchpoint(s) and hints their sessions, which end the poll's pause; the push
 *       never carries mail and its history id is not trusted — the fetch goes through the stored cursor;</li>
 *   <li>the poll kept as reconciliation, because a push is a hint: a lost notification costs latency, never
 *       mail.</li>
 * </ol>
 */
package dev.postline.connectors.gmail;
