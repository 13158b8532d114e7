package dev.postline.tenantadmin.web;

import dev.postline.core.web.ApiException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * A service's refusal that a page did not handle itself, as a page: 404 reads the same whether
 * the thing does not exist or belongs to another tenant; other refusals show the service's
 * message, which is safe to show by contract ({@link ApiException}).
 */
@Singleton
public class ErrorPages {

    private final PageRenderer pages;

    public ErrorPages(PageRenderer pages) {
        this.pages = pages;
    }

    public HttpResponse<String> of(HttpRequest<?> request, ApiException e) {
        if (e.status() == HttpStatus.NOT_FOUND) {
            return pages.render(HttpStatus.NOT_FOUND, "error", Map.of("title", "Not found",
                    "message", "This page does not exist, or it belongs to something that was deleted.", "back", true), request);
        }
        return pages.render(e.status(), "error", Map.of("title", "Not done", "message", e.getMessage(), "back", true), request);
    }
}
