package dev.postline.tenantadmin.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
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
 * rejection, sign-in redirect, 403), so every page goes through the same escaping engine. The
 * model goes through Micronaut's views decorator, which adds the CSRF token ({@code csrf}) every
 * form carries; the cookie it belongs to comes with the page when the browser needs a new one.
 */
@Singleton
public class PageRenderer {

    private final ThymeleafViewsRenderer<Map<String, Object>> thymeleaf;
    private final ViewsModelDecorator decorator;
    private final CsrfCookies csrf;

    public PageRenderer(ThymeleafViewsRenderer<Map<String, Object>> thymeleaf, ViewsModelDecorator decorator, CsrfCookies csrf) {
        this.thymeleaf = thymeleaf;
        this.decorator = decorator;
        this.csrf = csrf;
    }

    public MutableHttpResponse<String> render(HttpStatus status, String view, Map<String, Object> model, HttpRequest<?> request) {
        var cookie = csrf.issueIfNeeded(request);
        ModelAndView<Map<String, Object>> page = new ModelAndView<>("admin/" + view, new HashMap<>(model));
        decorator.decorate(request, page);
        StringWriter out = new StringWriter();
        try {
            thymeleaf.render(page.getView().orElseThrow(), page.getModel().orElseThrow(), request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MutableHttpResponse<String> response = HttpResponse.<String>status(status)
                .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8").body(out.toString());
        cookie.ifPresent(response::cookie);
        return response;
    }

    public MutableHttpResponse<String> ok(String view, Map<String, Object> model, HttpRequest<?> request) {
        return render(HttpStatus.OK, view, model, request);
    }

    /** Post/Redirect/Get: after a successful form, the browser loads the result page with GET. */
    public static MutableHttpResponse<String> seeOther(String location) {
        return HttpResponse.<String>status(HttpStatus.SEE_OTHER).header("Location", location);
    }
}
