package dev.postline.tenantadmin.api;

import dev.postline.core.branding.EmailTemplateService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;

/** A touchpoint's email template (header and footer) and its preview. Who may call: admins change and preview; supervisors read. */
@Controller("/api/v1/touchpoints/{touchpointId}/template")
public class EmailTemplateController {

    private final EmailTemplateService templates;

    public EmailTemplateController(EmailTemplateService templates) {
        this.templates = templates;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public EmailTemplateService.Template get(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return templates.get(caller.tenant(), touchpointId);
    }

    @Put
    @Secured(Roles.ADMIN)
    public EmailTemplateService.Template update(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                                @Body EmailTemplateService.TemplateUpdate update) {
        return templates.update(caller.tenant(), touchpointId, update);
    }

    /**
     * A sample message as the customer would see it (header, body, active signature, footer) with
     * sample variable values; images as data: URLs. Show it in a sandboxed frame.
     */
    @Post("/preview")
    @Secured(Roles.ADMIN)
    public EmailTemplateService.Preview preview(@Authenticated Caller caller, @PathVariable UUID touchpointId,
                                                @Nullable @Body EmailTemplateService.PreviewRequest request) {
        return templates.preview(caller.tenant(), touchpointId, caller.isUser() ? caller.principalId() : null, request);
    }
}
