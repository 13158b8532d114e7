package dev.postline.core.branding;

import dev.postline.core.branding.TemplateVariables.Mode;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.touchpoint.Touchpoint;
import dev.postline.core.user.UserAccount;
import dev.postline.core.user.UserRepository;
import dev.postline.core.web.InputCheck;
import dev.postline.mail.AuthoredHtmlSanitizer;
import dev.postline.mail.OutboundPart;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A touchpoint's email template (header and footer HTML around every message) and its preview: a
 * sample message rendered exactly as outbound mail would be, with sample variable values.
 */
@Singleton
public class EmailTemplateService {

    /** A missing field keeps its current value; an empty string removes the header or footer. */
    @Serdeable
    public record TemplateUpdate(@Nullable String headerHtml, @Nullable String footerHtml) {}

    @Serdeable
    public record Template(String headerHtml, String footerHtml, Instant updatedAt) {}

    /** The sample body to preview; a default greeting when both are absent. */
    @Serdeable
    public record PreviewRequest(@Nullable String text, @Nullable String html) {}

    @Serdeable
    public record Preview(String html) {}

    static final String SAMPLE_BODY = "<p>Hello {{customer.name}},</p><p>thank you for your message about "
            + "\"{{conversation.subject}}\". This is how a reply from this touchpoint looks.</p>";
    static final UUID SAMPLE_CONVERSATION = UUID.fromString("00000000-0000-4000-8000-000000001234");

    private final BrandingSettingsStore store;
    private final TouchpointBranding branding;
    private final UserRepository users;
    private final TenantTransactions tx;
    private final Clock clock;
    private final AuthoredHtmlSanitizer sanitizer = new AuthoredHtmlSanitizer();

    public EmailTemplateService(BrandingSettingsStore store, TouchpointBranding branding, UserRepository users,
                                TenantTransactions tx, Clock clock) {
        this.store = store;
        this.branding = branding;
        this.users = users;
        this.tx = tx;
        this.clock = clock;
    }

    public Template get(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> view(store.current(tenant, touchpointId)));
    }

    public Template update(TenantId tenant, UUID touchpointId, TemplateUpdate update) {
        return tx.write(tenant, () -> {
            BrandingSettings current = store.current(tenant, touchpointId);
            var cids = store.contentIds(tenant, touchpointId);
            InputCheck in = InputCheck.start();
            String header = update.headerHtml() == null ? current.headerHtml() : BrandingHtml.clean(in, "headerHtml", update.headerHtml(), cids);
            String footer = update.footerHtml() == null ? current.footerHtml() : BrandingHtml.clean(in, "footerHtml", update.footerHtml(), cids);
            in.orThrow();
            return view(store.save(tenant, current.withTemplate(header, footer, clock.instant())));
        });
    }

    /**
     * Header + sample body + active signature + footer, variables filled with sample values (the
     * calling user as the agent), images inlined as data: URLs so the preview needs no other request.
     */
    public Preview preview(TenantId tenant, UUID touchpointId, @Nullable UUID userId, @Nullable PreviewRequest request) {
        return tx.read(tenant, () -> {
            Touchpoint t = store.touchpoint(tenant, touchpointId);
            InputCheck in = InputCheck.start();
            String html = request == null ? null : BrandingHtml.clean(in, "html", request.html(), store.contentIds(tenant, touchpointId));
            String text = request == null ? null : request.text();
            if (text != null) {
                in.check(text.length() <= BrandingHtml.MAX_LENGTH, "text", "must be at most " + BrandingHtml.MAX_LENGTH + " characters");
                BrandingHtml.checkVariables(in, "text", text);
            }
            in.orThrow();
            MessageVariables variables = sample(tenant, t, userId);
            String body = html != null && !html.isEmpty() ? TemplateVariables.render(html, variables, Mode.HTML)
                    : text != null && !text.isBlank() ? BrandingHtml.textToHtml(TemplateVariables.render(text, variables, Mode.TEXT))
                    : TemplateVariables.render(SAMPLE_BODY, variables, Mode.HTML);
            Decoration d = branding.decorate(tenant, touchpointId, variables, TouchpointBranding.Purpose.REPLY);
            String composed = d.headerHtml() + "<div>" + body + "</div>"
                    + (d.signatureHtml().isEmpty() ? "" : "<div>" + d.signatureHtml() + "</div>") + d.footerHtml();
            Map<String, String> dataUrls = d.inlineImages().stream().collect(Collectors.toMap(p -> p.contentId().orElseThrow(),
                    EmailTemplateService::dataUrl, (a, b) -> a));
            return new Preview(sanitizer.sanitize(composed, cid -> Optional.ofNullable(dataUrls.get(cid))));
        });
    }

    private MessageVariables sample(TenantId tenant, Touchpoint t, @Nullable UUID userId) {
        Optional<UserAccount> agent = userId == null ? Optional.empty() : users.findByTenantIdAndId(tenant.value(), userId);
        return new MessageVariables(SAMPLE_CONVERSATION, 1234L, "Where is my order?", "Jane Doe", "jane.doe@example.com",
                agent.map(UserAccount::displayName).orElse("Sam Agent"), agent.map(UserAccount::email).orElse("sam.agent@example.com"),
                t.displayName(), t.address());
    }

    private static String dataUrl(OutboundPart image) {
        return "data:" + image.contentType() + ";base64," + Base64.getEncoder().encodeToString(image.content());
    }

    private static Template view(BrandingSettings s) {
        return new Template(s.headerHtml(), s.footerHtml(), s.updatedAt());
    }
}
