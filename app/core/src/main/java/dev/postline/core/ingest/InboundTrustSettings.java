package dev.postline.core.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.List;

/**
 * {@code postline.inbound.trusted-authserv-ids} (POSTLINE_INBOUND_TRUSTED_AUTHSERV_IDS): the
 * authserv-ids of the receiving servers in front of every mailbox of this installation, e.g. a
 * self-hosted MX that writes Authentication-Results. Empty by default: then only a touchpoint's own
 * setting or its provider's known id is trusted.
 */
@ConfigurationProperties("postline.inbound")
public class InboundTrustSettings {

    private List<String> trustedAuthservIds = List.of();

    public List<String> getTrustedAuthservIds() { return trustedAuthservIds; }
    public void setTrustedAuthservIds(List<String> ids) { this.trustedAuthservIds = List.copyOf(ids); }
}
