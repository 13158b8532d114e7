/**
 * Operations endpoints: health (Micronaut management, {@code /health}), Prometheus metrics and the
 * OpenAPI document.
 */
package dev.postline.core.ops;
