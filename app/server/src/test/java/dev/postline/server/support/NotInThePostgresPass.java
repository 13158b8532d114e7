package dev.postline.server.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * For test classes that start the embedded default themselves (child JVMs, their own H2 files): they
 * test the same thing in the H2 and the PostgreSQL pass of the suite, so they run in the H2 pass only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DisabledIfSystemProperty(named = "postline.test.db", matches = "pg",
        disabledReason = "starts the embedded default (H2) itself: already run in the H2 pass")
public @interface NotInThePostgresPass {}
