package dev.postline.tenantadmin.api;

import dev.postline.core.branding.ContactCard;
import dev.postline.core.branding.ContactCardService;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;

/** The vCard a touchpoint attaches to the first message of a conversation. Who may call: admins change; supervisors read. */
@Controller("/api/v1/touchpoints/{touchpointId}/contact-card")
public class ContactCardController {

    private final ContactCardService cards;

    public ContactCardController(ContactCardService cards) {
        this.cards = cards;
    }

    @Get
    @Secured({Roles.ADMIN, Roles.SUPERVISOR})
    public ContactCard get(@Authenticated Caller caller, @PathVariable UUID touchpointId) {
        return cards.get(caller.tenant(), touchpointId);
    }

    @Put
    @Secured(Roles.ADMIN)
    public ContactCard update(@Authenticated Caller caller, @PathVariable UUID touchpointId, @Body ContactCardService.CardUpdate update) {
        return cards.update(caller.tenant(), touchpointId, update);
    }
}
