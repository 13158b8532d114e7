package dev.postline.core.draft;

import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.MailMessage;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.outbound.Composition;
import dev.postline.core.outbound.Compositions;
import dev.postline.core.outbound.OutboundKind;
import dev.postline.core.outbound.OutboundLimits;
import dev.postline.core.outbound.ReplyService;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.upload.UploadService;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Server-side drafts, per conversation and agent: only their author sees or touches them (anyone
 * else gets a 404). Saving replaces the whole draft and is refused (409) when the client's version
 * is older than the stored one. Sending turns the draft into an outbound message and deletes it
 * in the same transaction, so a draft is sent at most once.
 */
@Singleton
public class DraftService {

    /** A draft with the uploads it attaches, in order. */
    public record Full(Draft draft, List<UUID> attachments) {}

    private final DraftRepository drafts;
    private final DraftAttachmentRepository files;
    private final ConversationService conversations;
    private final UploadService uploads;
    private final ReplyService replies;
    private final OutboundLimits limits;
    private final TenantTransactions tx;
    private final JsonMapper json;
    private final Clock clock;

    public DraftService(DraftRepository drafts, DraftAttachmentRepository files, ConversationService conversations, UploadService uploads,
                        ReplyService replies, OutboundLimits limits, TenantTransactions tx, JsonMapper json, Clock clock) {
        this.drafts = drafts;
        this.files = files;
        this.conversations = conversations;
        this.uploads = uploads;
        this.replies = replies;
        this.limits = limits;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    public Full create(Viewer viewer, UUID conversationId, DraftInput input) {
        UUID author = author(viewer);
        OutboundKind kind = check(input, false);
        Instant now = clock.instant();
        return tx.write(viewer.tenant(), () -> {
            conversations.requireVisible(viewer, conversationId);
            uploads.requireOwned(viewer.tenant(), author, attachments(input), "attachments");
            Draft saved = drafts.save(draft(UUID.randomUUID(), viewer.tenant(), conversationId, author, kind, input, 1, now, now));
            return new Full(saved, replaceFiles(viewer.tenant(), saved.id(), attachments(input)));
        });
    }

    public List<Full> list(Viewer viewer, UUID conversationId) {
        UUID author = author(viewer);
        return tx.read(viewer.tenant(), () -> {
            conversations.requireVisible(viewer, conversationId);
            return drafts.findByTenantIdAndConversationIdAndAuthorUserIdOrderByCreatedAt(viewer.tenant().value(), conversationId, author)
                    .stream().map(d -> new Full(d, filesOf(viewer.tenant(), d.id()))).toList();
        });
    }

    /** Autosave: the whole draft replaced, if the client saw the latest version; the answer carries the new one. */
    public Full save(Viewer viewer, UUID conversationId, UUID draftId, DraftInput input) {
        UUID author = author(viewer);
        OutboundKind kind = check(input, true);
        return tx.write(viewer.tenant(), () -> {
            Draft current = find(viewer, conversationId, draftId, author);
            if (input.version() != current.version() || drafts.advance(viewer.tenant().value(), draftId, current.version()) != 1) {
                throw ApiException.conflict("the draft was saved elsewhere meanwhile (version " + current.version()
                        + "); load it again before saving");
            }
            uploads.requireOwned(viewer.tenant(), author, attachments(input), "attachments");
            Draft saved = drafts.update(draft(draftId, viewer.tenant(), conversationId, author, kind, input, current.version() + 1,
                    current.createdAt(), clock.instant()));
            return new Full(saved, replaceFiles(viewer.tenant(), draftId, attachments(input)));
        });
    }

    public void discard(Viewer viewer, UUID conversationId, UUID draftId) {
        UUID author = author(viewer);
        tx.write(viewer.tenant(), () -> {
            find(viewer, conversationId, draftId, author);
            drafts.delete(viewer.tenant().value(), draftId, author);
        });
    }

    /** The draft becomes an outbound message; the draft is deleted in the message's transaction (a second send finds nothing). */
    public MailMessage send(Viewer viewer, UUID conversationId, UUID draftId) {
        UUID author = author(viewer);
        Full full = tx.read(viewer.tenant(), () -> {
            Draft d = find(viewer, conversationId, draftId, author);
            return new Full(d, filesOf(viewer.tenant(), d.id()));
        });
        Draft d = full.draft();
        Composition composition = Compositions.check(OutboundKind.fromWire(d.kind()), conversationId, strings(d.toAddresses()),
                strings(d.ccAddresses()), strings(d.bccAddresses()), d.subject(), d.textBody(), d.htmlBody(), full.attachments(),
                d.touchpointId(), d.forwardMessageId());
        return replies.send(viewer, author, composition, () -> {
            if (drafts.deleteAt(viewer.tenant().value(), draftId, author, d.version()) != 1) {
                throw ApiException.conflict("the draft was sent, discarded or saved meanwhile; nothing was sent");
            }
        });
    }

    private OutboundKind check(DraftInput input, boolean saving) {
        InputCheck in = InputCheck.start();
        OutboundKind kind = OutboundKind.REPLY;
        if (input.kind() != null) {
            try {
                kind = OutboundKind.fromWire(input.kind());
            } catch (IllegalArgumentException e) {
                in.fail("kind", e.getMessage());
            }
        }
        if (saving) {
            in.require("version", input.version());
        }
        noControls(in, "subject", input.subject());
        for (String field : List.of("to", "cc", "bcc")) {
            List<String> list = field.equals("to") ? input.to() : field.equals("cc") ? input.cc() : input.bcc();
            if (list == null) {
                continue;
            }
            in.check(list.size() <= limits.getMaxRecipients(), field, "at most " + limits.getMaxRecipients() + " addresses");
            for (int i = 0; i < list.size(); i++) {
                in.check(list.get(i) != null, field + "[" + i + "]", "must not be null");
                noControls(in, field + "[" + i + "]", list.get(i));
                in.check(list.get(i) == null || list.get(i).length() <= 500, field + "[" + i + "]", "must be at most 500 characters");
            }
        }
        in.check(input.subject() == null || input.subject().length() <= 998, "subject", "must be at most 998 characters");
        in.check(input.attachments() == null || input.attachments().stream().noneMatch(Objects::isNull), "attachments", "must not contain null");
        in.orThrow();
        return kind;
    }

    private static void noControls(InputCheck in, String field, @Nullable String value) {
        in.check(value == null || !InputCheck.hasControl(value), field,
                "must not contain line breaks or control characters");
    }

    private Draft draft(UUID id, TenantId tenant, UUID conversationId, UUID author, OutboundKind kind, DraftInput in, long version,
                        Instant created, Instant updated) {
        return new Draft(id, tenant.value(), conversationId, author, kind.wireName(), json(in.to()), json(in.cc()), json(in.bcc()),
                in.subject(), in.text(), in.html(), in.touchpointId(), in.messageId(), version, created, updated);
    }

    private List<UUID> replaceFiles(TenantId tenant, UUID draftId, List<UUID> uploadIds) {
        files.deleteByTenantIdAndDraftId(tenant.value(), draftId);
        for (int i = 0; i < uploadIds.size(); i++) {
            files.save(new DraftAttachment(UUID.randomUUID(), tenant.value(), draftId, uploadIds.get(i), i));
        }
        return uploadIds;
    }

    private List<UUID> filesOf(TenantId tenant, UUID draftId) {
        return files.findByTenantIdAndDraftIdOrderBySortIndex(tenant.value(), draftId).stream().map(DraftAttachment::uploadId).toList();
    }

    private Draft find(Viewer viewer, UUID conversationId, UUID draftId, UUID author) {
        conversations.requireVisible(viewer, conversationId);
        return drafts.findByTenantIdAndIdAndConversationIdAndAuthorUserId(viewer.tenant().value(), draftId, conversationId, author)
                .orElseThrow(() -> ApiException.notFound("draft"));
    }

    private static UUID author(Viewer viewer) {
        if (viewer.userId() == null) {
            throw ApiException.forbidden("drafts belong to a signed-in user; an API key has none");
        }
        return viewer.userId();
    }

    private static List<UUID> attachments(DraftInput input) {
        return input.attachments() == null ? List.of() : input.attachments().stream().distinct().toList();
    }

    private String json(@Nullable List<String> list) {
        try {
            return json.writeValueAsString(list == null ? List.of() : list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> strings(String stored) {
        try {
            return json.readValue(stored, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
