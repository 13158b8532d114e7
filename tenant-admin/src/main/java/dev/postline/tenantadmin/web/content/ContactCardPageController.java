package dev.postline.tenantadmin.web.content;

import dev.postline.core.branding.ContactCard;
import dev.postline.core.branding.ContactCardService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.tenantadmin.web.AdminFrame;
import dev.postline.tenantadmin.web.ErrorPages;
import dev.postline.tenantadmin.web.Form;
import dev.postline.tenantadmin.web.PageRenderer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The contact card (vCard) a touchpoint attaches to the first message of a conversation, when enabled. */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/contact-card")
@Secured(Roles.ADMIN)
public class ContactCardPageController {

    /** One text field of the form. */
    public record CardField(String name, String label, String value) {}

    private final ContactCardService cards;
    private final TouchpointService touchpoints;
    private final AdminFrame frame;
    private final PageRenderer pages;
    private final ErrorPages errors;

    public ContactCardPageController(ContactCardService cards, TouchpointService touchpoints, AdminFrame frame, PageRenderer pages,
                                     ErrorPages errors) {
        this.cards = cards;
        this.touchpoints = touchpoints;
        this.frame = frame;
        this.pages = pages;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> show(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @QueryValue @Nullable String done) {
        return page(request, caller, touchpointId, HttpStatus.OK, cards.get(caller.tenant(), touchpointId), Map.of(),
                "saved".equals(done) ? "The contact card was saved." : null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<String> save(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId,
                                     @Body Map<String, Object> fields) {
        Form form = Form.of(fields);
        var update = new ContactCardService.CardUpdate("true".equals(form.get("enabled")), form.get("fullName"),
                form.get("organization"), form.get("email"), form.get("phone"), form.get("url"));
        try {
            cards.update(caller.tenant(), touchpointId, update);
        } catch (ApiException e) {
            if (!Problems.aboutInput(e)) {
                throw e;
            }
            ContactCard draft = new ContactCard(update.enabled(), update.fullName(), update.organization(), update.email(),
                    update.phone(), update.url());
            return page(request, caller, touchpointId, e.status(), draft, Problems.of(e, "fullName"), null);
        }
        return PageRenderer.seeOther("/admin/touchpoints/" + touchpointId + "/contact-card?done=saved");
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }

    private HttpResponse<String> page(HttpRequest<?> request, Caller caller, UUID touchpointId, HttpStatus status, ContactCard card,
                                      Map<String, String> problems, @Nullable String notice) {
        var touchpoint = touchpoints.get(caller.tenant(), touchpointId).touchpoint();
        Map<String, Object> model = frame.model(caller, "touchpoints", "Contact card · " + touchpoint.displayName());
        model.put("touchpointId", touchpointId);
        model.put("touchpointName", touchpoint.displayName());
        model.put("enabled", card.enabled());
        model.put("fields", List.of(new CardField("fullName", "Name", card.fullName()),
                new CardField("organization", "Organization", card.organization()), new CardField("email", "Email", card.email()),
                new CardField("phone", "Phone", card.phone()), new CardField("url", "Web address", card.url())));
        model.put("problems", problems);
        if (notice != null) {
            model.put("notice", notice);
        }
        return pages.render(status, "contact-card", model, request);
    }
}
