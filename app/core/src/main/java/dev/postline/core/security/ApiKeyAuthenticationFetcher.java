package dev.postline.core.security;

import dev.postline.core.apikey.ApiKeyService;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Authenticates portal integrations by the {@code X-Api-Key} header. */
@Singleton
public class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    public static final String HEADER = "X-Api-Key";

    private final ApiKeyService keys;
    private final ExecutorService blocking;

    public ApiKeyAuthenticationFetcher(ApiKeyService keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String token = request.getHeaders().get(HEADER);
        if (token == null || token.isBlank()) {
            return Mono.empty();
        }
        // The lookup is a database read: keep it off the event loop.
        return Mono.fromCallable(() -> keys.authenticate(token)
                        .map(key -> Authentication.build("apikey:" + key.id(), List.of(key.role().name()), Map.of(
                                Caller.ATTR_KIND, PrincipalKind.API_KEY.name(),
                                Caller.ATTR_PRINCIPAL, key.id().toString(),
                                Caller.ATTR_TENANT, key.tenantId().toString())))
                        .orElse(null))
                .subscribeOn(Schedulers.fromExecutorService(blocking));
    }
}
