package dev.postline.core.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Prometheus metrics at {@code /metrics}. Who may call: with {@code postline.metrics.token} set, a
 * scraper sending {@code Authorization: Bearer <token>}; without it (the embedded default),
 * anyone who can reach the port — then expose it on an internal network only (README).
 */
@Controller("/metrics")
@Secured(SecurityRule.IS_ANONYMOUS)
public class MetricsController {

    private final PrometheusMeterRegistry registry;
    @Nullable private final byte[] token;

    public MetricsController(PrometheusMeterRegistry registry, @Value("${postline.metrics.token:}") @Nullable String token) {
        this.registry = registry;
        this.token = token == null || token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
    }

    @Get
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public HttpResponse<String> scrape(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        if (token != null && (authorization == null
                || !MessageDigest.isEqual(token, authorization.strip().getBytes(StandardCharsets.UTF_8)))) {
            return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")
                    .body("metrics need the scrape token (postline.metrics.token)\n");
        }
        return HttpResponse.ok(registry.scrape());
    }
}
