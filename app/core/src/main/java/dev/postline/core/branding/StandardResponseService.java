package dev.postline.core.branding;

import dev.postline.core.branding.TemplateVariables.Mode;
import dev.postline.core.conversation.Conversation;
import dev.postline.core.conversation.ConversationService;
import dev.postline.core.conversation.Viewer;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.touchpoint.TouchpointRepository;
import dev.postline.core.web.ApiException;
import dev.postline.core.web.InputCheck;
import dev.postline.mail.HtmlText;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Standard (canned) responses: tenant-wide or for one touchpoint, managed by admins and
 * supervisors; agents list those that apply to a conversation and insert them with the variables
 * filled for that conversation and themselves. Variables are checked when a response is saved.
 */
@Singleton
public class StandardResponseService {

    public static final int MAX_BODY = 100_000;
    private static final Pattern BAD_CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    @Serdeable
    public record NewStandardResponse(String name, @Nullable String text, @Nullable String html, @Nullable UUID touchpointId) {}

    /** A missing field keeps its value; an empty text or html removes that body (one must remain). */
    @Serdeable
    public record StandardResponseChanges(@Nullable String name, @Nullable String text, @Nullable String html) {}

    /** A response inserted into a conversation: both forms, variables filled. */
    @Serdeable
    public record Rendered(String text, String html) {}

    private final StandardResponseRepository responses;
    private final TouchpointRepository touchpoints;
    private final ConversationService conversations;
    private final ConversationVariables variables;
    private final TenantTransactions tx;
    private final Clock clock;

    public StandardResponseService(StandardResponseRepository responses, TouchpointRepository touchpoints,
                                   ConversationService conversations, ConversationVariables variables,
                                   TenantTransactions tx, Clock clock) {
        this.responses = responses;
        this.touchpoints = touchpoints;
        this.conversations = conversations;
        this.variables = variables;
        this.tx = tx;
        this.clock = clock;
    }

    /** Every response of the tenant, or (with {@code touchpointId}) those an agent sees on that touchpoint. */
    public List<StandardResponse> list(TenantId tenant, @Nullable UUID touchpointId) {
        return tx.read(tenant, () -> touchpointId == null
                ? responses.findByTenantIdOrderByNameKey(tenant.value())
                : responses.findByTenantIdAndScopeKeyInListOrderByNameKey(tenant.value(),
                        List.of(StandardResponse.TENANT_SCOPE, touchpointId.toString())));
    }

    public StandardResponse get(TenantId tenant, UUID id) {
        return tx.read(tenant, () -> find(tenant, id));
    }

    public StandardResponse create(TenantId tenant, NewStandardResponse request) {
        InputCheck in = InputCheck.start();
        String name = in.text("name", request.name(), 200);
        String text = body(in, "text", request.text());
        String html = request.html() == null ? null : BrandingHtml.clean(in, "html", request.html(), Set.of());
        in.check(text != null && !text.isEmpty() || html != null && !html.isEmpty(), "text", "a standard response needs a text or an html body");
        in.orThrow();
        Instant now = clock.instant();
        return tx.write(tenant, () -> {
            if (request.touchpointId() != null && touchpoints.findByTenantIdAndId(tenant.value(), request.touchpointId()).isEmpty()) {
                throw ApiException.invalid("touchpointId", "touchpoint " + request.touchpointId() + " does not exist");
            }
            String scope = StandardResponse.scopeKeyOf(request.touchpointId());
            requireUniqueName(tenant, scope, name, null);
            return responses.save(new StandardResponse(UUID.randomUUID(), tenant.value(), request.touchpointId(), scope, name,
                    key(name), emptyToNull(text), emptyToNull(html), now, now));
        });
    }

    public StandardResponse update(TenantId tenant, UUID id, StandardResponseChanges changes) {
        InputCheck in = InputCheck.start();
        String name = in.optionalText("name", changes.name(), 200);
        in.check(changes.name() == null || !changes.name().isBlank(), "name", "must not be blank");
        String text = body(in, "text", changes.text());
        String html = changes.html() == null ? null : BrandingHtml.clean(in, "html", changes.html(), Set.of());
        in.orThrow();
        return tx.write(tenant, () -> {
            StandardResponse current = find(tenant, id);
            String newName = name != null ? name : current.name();
            requireUniqueName(tenant, current.scopeKey(), newName, id);
            String newText = changes.text() != null ? emptyToNull(text) : current.bodyText();
            String newHtml = changes.html() != null ? emptyToNull(html) : current.bodyHtml();
            if (newText == null && newHtml == null) {
                throw ApiException.invalid("text", "a standard response needs a text or an html body");
            }
            return responses.update(new StandardResponse(id, current.tenantId(), current.touchpointId(), current.scopeKey(), newName,
                    key(newName), newText, newHtml, current.createdAt(), clock.instant()));
        });
    }

    public void delete(TenantId tenant, UUID id) {
        tx.write(tenant, () -> {
            if (responses.deleteByTenantIdAndId(tenant.value(), id) == 0) {
                throw ApiException.notFound("standard response");
            }
        });
    }

    /** Tenant-wide responses and those of the conversation's touchpoint, by name. */
    public List<StandardResponse> forConversation(Viewer viewer, UUID conversationId) {
        return tx.read(viewer.tenant(), () -> {
            Conversation c = conversations.requireVisible(viewer, conversationId);
            return responses.findByTenantIdAndScopeKeyInListOrderByNameKey(viewer.tenant().value(),
                    List.of(StandardResponse.TENANT_SCOPE, c.touchpointId().toString()));
        });
    }

    /**
     * The response with this conversation's values and the calling user as the agent (for an API
     * key, which is no person, the conversation's assigned agent). A missing form is derived from the other.
     */
    public Rendered render(Viewer viewer, UUID conversationId, UUID responseId) {
        return tx.read(viewer.tenant(), () -> {
            Conversation c = conversations.requireVisible(viewer, conversationId);
            StandardResponse r = find(viewer.tenant(), responseId);
            if (r.touchpointId() != null && !r.touchpointId().equals(c.touchpointId())) {
                throw ApiException.notFound("standard response");
            }
            Touchpoint t = touchpoints.findByTenantIdAndId(viewer.tenant().value(), c.touchpointId()).orElseThrow();
            MessageVariables values = variables.of(viewer.tenant(), c, t, viewer.userId() != null ? viewer.userId() : c.assignedUserId());
            String text = TemplateVariables.render(r.bodyText() != null ? r.bodyText() : HtmlText.of(r.bodyHtml()), values, Mode.TEXT);
            String html = r.bodyHtml() != null ? TemplateVariables.render(r.bodyHtml(), values, Mode.HTML) : BrandingHtml.textToHtml(text);
            return new Rendered(text, html);
        });
    }

    private StandardResponse find(TenantId tenant, UUID id) {
        return responses.findByTenantIdAndId(tenant.value(), id).orElseThrow(() -> ApiException.notFound("standard response"));
    }

    private void requireUniqueName(TenantId tenant, String scope, String name, @Nullable UUID self) {
        responses.findByTenantIdAndScopeKeyAndNameKey(tenant.value(), scope, key(name))
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw ApiException.conflict("a standard response named '" + name + "' already exists in this scope");
                });
    }

    @Nullable
    private static String body(InputCheck in, String field, @Nullable String text) {
        if (text == null) {
            return null;
        }
        if (text.length() > MAX_BODY) {
            return in.fail(field, "must be at most " + MAX_BODY + " characters");
        }
        in.check(!BAD_CONTROL.matcher(text).find(), field, "must not contain control characters other than line breaks and tabs");
        BrandingHtml.checkVariables(in, field, text);
        return text.strip();
    }

    @Nullable
    private static String emptyToNull(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
