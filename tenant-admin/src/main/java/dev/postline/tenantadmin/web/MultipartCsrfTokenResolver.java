package dev.postline.tenantadmin.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.resolver.FutureCsrfTokenResolver;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the CSRF form field in multipart uploads (blocklist CSV, signature images). Micronaut's field
 * resolver reads url-encoded and JSON bodies only; a plain HTML upload form cannot send a header.
 * Reads a copy of the body (bounded by the server's request size); the controller binds the original.
 */
@Singleton
public class MultipartCsrfTokenResolver implements FutureCsrfTokenResolver<HttpRequest<?>> {

    private final Pattern field;

    public MultipartCsrfTokenResolver(CsrfConfiguration csrf) {
        // A simple text part: Content-Disposition: form-data; name="_csrf" CRLF (headers CRLF)* CRLF value CRLF;
        // a token is base64url with a '.' between its HMAC and its random value.
        this.field = Pattern.compile("Content-Disposition:\\s*form-data;\\s*name=\"" + Pattern.quote(csrf.getFieldName())
                + "\"\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n([A-Za-z0-9_.-]{1,200})\\r\\n", Pattern.CASE_INSENSITIVE);
    }

    @Override
    public CompletableFuture<String> resolveToken(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type == null || !type.getName().equals(MediaType.MULTIPART_FORM_DATA) || !(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(null);
        }
        try (CloseableByteBody copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            return copy.buffer().thenApply(body -> {
                try (body) {
                    Matcher m = field.matcher(body.toString(StandardCharsets.ISO_8859_1));
                    return m.find() ? m.group(1) : null;
                }
            });
        }
    }
}
