package dev.postline.core.web;

import io.micronaut.serde.annotation.Serdeable;

/** One invalid field of a request: a dotted path into the body, and what is wrong with it. */
@Serdeable
public record FieldError(String field, String message) {}
