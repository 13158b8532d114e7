package dev.postline.core.agentapi;

import dev.postline.core.outbound.DeliveryConfirmation;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import java.util.UUID;

/**
 * Settles a reply whose delivery is unknown ({@code deliveryStatus: DELIVERY_UNKNOWN}: sending was
 * interrupted after it may have gone out, and the touchpoint cannot check). Who may call: every role
 * of the tenant, on conversations they can read; 409 when the message is not in that state.
 */
@Controller("/api/v1/conversations")
@Secured({Roles.ADMIN, Roles.SUPERVISOR, Roles.AGENT})
public class MessageDeliveryController {

    private final DeliveryConfirmation delivery;
    private final Viewers viewers;

    public MessageDeliveryController(DeliveryConfirmation delivery, Viewers viewers) {
        this.delivery = delivery;
        this.viewers = viewers;
    }

    /** "It was sent": recorded as SENT, nothing is sent. */
    @Post("/{conversationId}/messages/{messageId}/confirm-sent")
    public ConversationsController.Queued confirmSent(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                                      @PathVariable UUID messageId) {
        return ConversationsController.Queued.of(delivery.confirmSent(viewers.of(caller), conversationId, messageId));
    }

    /** "Send again": queued now (the customer may get it twice if the first one arrived). */
    @Post("/{conversationId}/messages/{messageId}/send-again")
    public ConversationsController.Queued sendAgain(@Authenticated Caller caller, @PathVariable UUID conversationId,
                                                    @PathVariable UUID messageId) {
        return ConversationsController.Queued.of(delivery.sendAgain(viewers.of(caller), conversationId, messageId));
    }
}
