package dev.postline.tenantadmin.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders an admin page template (under {@code views/admin/}) to an HTML response. Used by the
 * controllers and by the filters and handlers that answer before a controller runs (CSRF
 * rejection, sign-in redirect, 403), so every page goes through the same escaping engine.
 */
@Singleton
public class PageRenderer {

    private final ThymeleafViewsRenderer<Map<String, Object>> thymeleaf;
    private final CsrfTokens csrf;

    public PageRenderer(ThymeleafViewsRenderer<Map<String, Object>> thymeleaf, CsrfTokens csrf) {
        this.thymeleaf = thymeleaf;
        this.csrf = csrf;
    }

    public MutableHttpResponse<String> render(HttpStatus status, String view, Map<String, Object> model, HttpRequest<?> request) {
        Map<String, Object> withToken = new HashMap<>(model);
        withToken.put("csrf", csrf.tokenFor(request)); // every form on every page carries it
        StringWriter out = new StringWriter();
        try {
            thymeleaf.render("admin/" + view, withToken, request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8").body(out.toString());
    }

    public MutableHttpResponse<String> ok(String view, Map<String, Object> model, HttpRequest<?> request) {
        return render(HttpStatus.OK, view, model, request);
    }

    /** Post/Redirect/Get: after a successful form, the browser loads the result page with GET. */
    public static MutableHttpResponse<String> seeOther(String location) {
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", location);
    }
}
