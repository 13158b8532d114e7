package dev.postline.tenantadmin.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds one field of a form body (url-encoded or multipart) without binding the whole form. */
final class FormFields {

    private FormFields() {}

    @Nullable
    static String find(@Nullable MediaType contentType, String body, String field) {
        if (contentType == null) {
            return null;
        }
        if (contentType.getName().equals(MediaType.APPLICATION_FORM_URLENCODED)) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(field)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
        if (contentType.getName().equals(MediaType.MULTIPART_FORM_DATA)) {
            // A simple text part: Content-Disposition: form-data; name="_csrf" CRLF CRLF value CRLF --boundary
            Matcher m = Pattern.compile("Content-Disposition:\\s*form-data;\\s*name=\"" + Pattern.quote(field)
                    + "\"\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n([A-Za-z0-9_-]{1,200})\\r\\n", Pattern.CASE_INSENSITIVE).matcher(body);
            return m.find() ? m.group(1) : null;
        }
        return null;
    }
}
