package dev.postline.connectors.graphdouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The mail endpoints of the double, for an authenticated mailbox. */
final class MailRoutes {

    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 1000;
    private static final Pattern RECEIVED_FILTER =
            Pattern.compile("(?i)\\s*receivedDateTime\\s+(ge|gt)\\s+(\\S+)\\s*");
    private static final Pattern MESSAGE_ID_FILTER = Pattern.compile("(?i)\\s*internetMessageId\\s+eq\\s+'(.*)'\\s*");

    private final GraphDouble graph;

    MailRoutes(GraphDouble graph) {
        this.graph = graph;
    }

    Answer answer(GraphRequest req, GraphMailbox mailbox) {
        return switch (req.kind()) {
            case ME -> Answer.json(200, GraphJson.user(mailbox, req.base()));
            case DELTA -> delta(req, mailbox);
            case MIME_CONTENT -> mime(req, mailbox);
            case GET_MESSAGE -> withMessage(req, mailbox, m -> Answer.json(200, GraphJson.message(m, req.wantsImmutableIds())));
            case CREATE_MESSAGE -> createFromMime(req, mailbox);
            case UPDATE_MESSAGE -> withMessage(req, mailbox, m -> updateRecipients(req, mailbox, m));
            case SEND_DRAFT -> withMessage(req, mailbox, m -> sendDraft(mailbox, m));
            case SEND_MAIL -> sendMail(req, mailbox);
            case LIST_MESSAGES -> list(req, mailbox);
            case CREATE_SUBSCRIPTION, UPDATE_SUBSCRIPTION, DELETE_SUBSCRIPTION, OTHER -> Answer.badRequest("BadRequest", "Resource not found for the segment '"
                    + (req.segments().isEmpty() ? "" : req.segments().getLast()) + "'.");
        };
    }

    // ---- delta ----------------------------------------------------------------------------------

    private Answer delta(GraphRequest req, GraphMailbox mailbox) {
        Optional<String> folder = folder(req.segments().get(2));
        if (folder.isEmpty()) {
            return Answer.notFound("mail folder");
        }
        int pageSize = req.preference("odata.maxpagesize").map(MailRoutes::pageSize).orElse(DEFAULT_PAGE_SIZE);
        DeltaPage page;
        try {
            if (req.query().containsKey("$skiptoken")) {
                page = mailbox.continueRound(req.query().get("$skiptoken"), pageSize);
            } else if (req.query().containsKey("$deltatoken")) {
                page = mailbox.changesSince(req.query().get("$deltatoken"), pageSize);
            } else {
                Optional<DeltaQuery> query = query(req, folder.get());
                if (query.isEmpty()) {
                    return Answer.badRequest("ErrorInvalidUrlQueryFilter",
                            "The only supported $filter for delta is receivedDateTime ge|gt {value}.");
                }
                page = mailbox.startRound(query.get(), pageSize);
            }
        } catch (SyncStateNotFound e) {
            Fault fault = mailbox.expiry() == DeltaExpiry.GONE_410 ? Fault.gone() : Fault.syncStateNotFound();
            return Answer.fault(fault);
        }
        boolean immutable = req.wantsImmutableIds();
        List<ObjectNode> values = new ArrayList<>();
        for (DeltaPage.Entry e : page.entries()) {
            values.add(e.kind() == ChangeKind.REMOVED ? GraphJson.removed(e.message(), immutable)
                    : GraphJson.message(e.message(), immutable));
        }
        ObjectNode body = GraphJson.collection(req.base() + "/$metadata#Collection(message)", values);
        String link = req.base() + "/me/mailFolders/" + req.segments().get(2) + "/messages/delta?";
        if (page.skipToken() != null) {
            body.put("@odata.nextLink", link + "$skiptoken=" + page.skipToken());
        } else {
            body.put("@odata.deltaLink", link + "$deltatoken=" + page.deltaToken());
        }
        Answer answer = Answer.json(200, body);
        List<String> applied = new ArrayList<>();
        req.preference("odata.maxpagesize").ifPresent(v -> applied.add("odata.maxpagesize=" + pageSize));
        if (immutable) {
            applied.add("IdType=\"ImmutableId\"");
        }
        if (!applied.isEmpty()) {
            answer.header("Preference-Applied", String.join(", ", applied));
        }
        return answer;
    }

    private static int pageSize(String value) {
        try {
            return Math.max(1, Math.min(MAX_PAGE_SIZE, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return DEFAULT_PAGE_SIZE;
        }
    }

    private static Optional<DeltaQuery> query(GraphRequest req, String folder) {
        Optional<String> changeType = Optional.ofNullable(req.query().get("changeType"));
        String filter = req.query().get("$filter");
        if (filter == null) {
            return Optional.of(new DeltaQuery(folder, Optional.empty(), false, changeType));
        }
        Matcher m = RECEIVED_FILTER.matcher(filter);
        if (!m.matches()) {
            return Optional.empty();
        }
        return instant(m.group(2)).map(t -> new DeltaQuery(folder, Optional.of(t), m.group(1).equalsIgnoreCase("gt"), changeType));
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    // ---- messages -------------------------------------------------------------------------------

    private interface MessageAction {
        Answer on(GraphMessage message);
    }

    private static Answer withMessage(GraphRequest req, GraphMailbox mailbox, MessageAction action) {
        return mailbox.find(req.segments().get(2)).map(action::on).orElseGet(() -> Answer.notFound("message"));
    }

    private static Answer mime(GraphRequest req, GraphMailbox mailbox) {
        return withMessage(req, mailbox, m -> new Answer(200,
                new java.util.LinkedHashMap<>(java.util.Map.of("Content-Type", "text/plain")), m.rawUnsafe()));
    }

    private Answer createFromMime(GraphRequest req, GraphMailbox mailbox) {
        Optional<byte[]> raw = decodeMime(req);
        if (raw.isEmpty()) {
            return mimeRefused(req);
        }
        GraphMessage draft = mailbox.store(raw.get(), Instant.now(), GraphMailbox.DRAFTS, true);
        return Answer.json(201, GraphJson.message(draft, req.wantsImmutableIds()));
    }

    private Answer updateRecipients(GraphRequest req, GraphMailbox mailbox, GraphMessage m) {
        if (!m.isDraft()) {
            return Answer.badRequest("ErrorInvalidOperation", "Only draft messages can be updated this way.");
        }
        try {
            JsonNode patch = GraphJson.MAPPER.readTree(req.body());
            m.recipients(addresses(patch.get("toRecipients")), addresses(patch.get("ccRecipients")),
                    addresses(patch.get("bccRecipients")), Instant.now());
            mailbox.markUpdated(m);
            return Answer.json(200, GraphJson.message(m, req.wantsImmutableIds()));
        } catch (IOException e) {
            return Answer.badRequest("BadRequest", "Unable to read JSON request payload.");
        }
    }

    private static List<String> addresses(JsonNode recipients) {
        if (recipients == null || !recipients.isArray()) {
            return null;
        }
        List<String> found = new ArrayList<>();
        recipients.forEach(r -> found.add(r.path("emailAddress").path("address").asText()));
        return found;
    }

    private Answer sendDraft(GraphMailbox mailbox, GraphMessage m) {
        if (!m.isDraft()) {
            return Answer.badRequest("ErrorInvalidOperation", "The message has already been sent.");
        }
        m.sent(Instant.now());
        mailbox.move(m, GraphMailbox.SENT_ITEMS);
        graph.transmit(m);
        return Answer.accepted();
    }

    private Answer sendMail(GraphRequest req, GraphMailbox mailbox) {
        Optional<byte[]> raw = decodeMime(req);
        if (raw.isEmpty()) {
            return mimeRefused(req);
        }
        graph.transmit(mailbox.store(raw.get(), Instant.now(), GraphMailbox.SENT_ITEMS, false));
        return Answer.accepted();
    }

    private static Optional<byte[]> decodeMime(GraphRequest req) {
        if (!req.contentType().toLowerCase(Locale.ROOT).startsWith("text/plain")) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getMimeDecoder().decode(req.body());
            return raw.length == 0 ? Optional.empty() : Optional.of(raw);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Answer mimeRefused(GraphRequest req) {
        return req.contentType().toLowerCase(Locale.ROOT).startsWith("text/plain")
                ? Answer.badRequest("ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content.")
                : Answer.badRequest("BadRequest", "This double accepts messages only as base64 MIME with Content-Type text/plain.");
    }

    private static Answer list(GraphRequest req, GraphMailbox mailbox) {
        Optional<String> folder = folder(req.segments().get(2));
        if (folder.isEmpty()) {
            return Answer.notFound("mail folder");
        }
        String filter = req.query().get("$filter");
        Matcher m = filter == null ? null : MESSAGE_ID_FILTER.matcher(filter);
        if (m == null || !m.matches()) {
            return Answer.badRequest("ErrorInvalidUrlQueryFilter", "This double filters only by internetMessageId eq '…'.");
        }
        List<ObjectNode> values = mailbox.findByInternetMessageId(folder.get(), m.group(1).replace("''", "'")).stream()
                .map(msg -> GraphJson.message(msg, req.wantsImmutableIds())).toList();
        return Answer.json(200, GraphJson.collection(req.base() + "/$metadata#users('"
                + URLEncoder.encode(mailbox.address(), StandardCharsets.UTF_8) + "')/mailFolders('" + folder.get()
                + "')/messages", values));
    }

    /** A well-known folder name (any case) or the folder id the double hands out for it. */
    static Optional<String> folder(String segment) {
        for (String name : List.of(GraphMailbox.INBOX, GraphMailbox.DRAFTS, GraphMailbox.SENT_ITEMS,
                GraphMailbox.DELETED_ITEMS)) {
            if (name.equalsIgnoreCase(segment) || GraphIds.folderId(name).equals(segment)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
