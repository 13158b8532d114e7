package dev.postline.core.security;

import dev.postline.core.tenant.TenantId;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Lets a controller method declare {@code Caller caller}: the tenant boundary at the web edge. */
@Singleton
public class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Optional<Caller> caller = request.getUserPrincipal(Authentication.class).flatMap(CallerArgumentBinder::toCaller);
        return () -> caller;
    }

    static Optional<Caller> toCaller(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        Object kind = attributes.get(Caller.ATTR_KIND);
        Object principal = attributes.get(Caller.ATTR_PRINCIPAL);
        if (kind == null || principal == null) {
            return Optional.empty();
        }
        Object tenant = attributes.get(Caller.ATTR_TENANT);
        return Optional.of(new Caller(
                PrincipalKind.valueOf(kind.toString()),
                UUID.fromString(principal.toString()),
                tenant == null ? null : TenantId.parse(tenant.toString()),
                Set.copyOf(authentication.getRoles())));
    }
}
