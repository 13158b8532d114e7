package dev.postline.core.security;

import io.micronaut.security.token.claims.JtiGenerator;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Gives every token a random {@code jti}. Micronaut's CSRF tokens are bound to the session through
 * it (its JWT session id resolver reads the {@code jti} of the token that authenticated the request).
 */
@Singleton
public class RandomJti implements JtiGenerator {

    @Override
    public String generateJtiClaim() {
        return UUID.randomUUID().toString();
    }
}
