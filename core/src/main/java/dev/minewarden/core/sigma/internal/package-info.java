/**
 * Implementation of the Sigma engine: parsing of detections and conditions into {@link
 * dev.minewarden.core.sigma.internal.Expr}, and their compilation into shared per-field matchers
 * ({@link dev.minewarden.core.sigma.internal.RuleEngine}). Not an API: use {@code
 * dev.minewarden.core.sigma}.
 */
package dev.minewarden.core.sigma.internal;
