package dev.postline.tenantadmin.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on every admin page and asset: a strict Content-Security-Policy (no inline script or
 * style, nothing from other origins, no framing, forms only to us), no MIME sniffing, no referrer
 * leaving the site, no caching of pages that show tenant data.
 */
@ServerFilter("/admin/**")
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    @ResponseFilter
    public void addHeaders(MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        // A response that brings its own policy keeps it: the content editors' preview documents
        // (stricter: no script at all, sandboxed) must be framed by our own pages.
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Frame-Options", "DENY");
        }
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        if (!headers.contains("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
    }
}
