package dev.postline.tenantadmin.web.content;

import dev.postline.core.branding.TemplateVariables;
import dev.postline.core.web.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.stream.Collectors;

/**
 * A preview shown in the editor pages' sandboxed frame, as its own document with its own policy:
 * no script at all (also sandboxed by the header, should it be opened on its own), images only
 * inline (data:) or from https (a signature may show an image by URL), inline styles (mail HTML
 * uses them), framed only by our own pages. The HTML is sanitised before it gets here.
 */
final class PreviewDocument {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; "
            + "frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox";

    private PreviewDocument() {}

    static MutableHttpResponse<String> of(String sanitizedHtml) {
        return respond(HttpStatus.OK, sanitizedHtml);
    }

    /** The refusal's reasons instead of a preview: the admin sees what to fix next to the editor, too. */
    static MutableHttpResponse<String> refused(ApiException e) {
        String reasons = e.errors().isEmpty() ? TemplateVariables.escapeHtml(e.getMessage())
                : e.errors().stream().map(f -> "<li>" + TemplateVariables.escapeHtml(f.field() + ": " + f.message()) + "</li>")
                        .collect(Collectors.joining("", "<ul>", "</ul>"));
        return respond(e.status(), "<p><strong>Not previewed:</strong></p>" + reasons);
    }

    private static MutableHttpResponse<String> respond(HttpStatus status, String body) {
        return HttpResponse.<String>status(status)
                .contentType("text/html;charset=utf-8")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "SAMEORIGIN")
                .body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview</title></head><body>"
                        + body + "</body></html>");
    }
}
