package dev.postline.core.security;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@link Caller} parameter of a controller method: it is bound from the authentication
 * (never from the request body or query), and is therefore hidden from the OpenAPI document.
 */
@Documented
@Hidden
@Parameter(hidden = true)
@Schema(hidden = true)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Authenticated {}
