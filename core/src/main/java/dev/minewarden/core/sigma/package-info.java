/**
 * The Sigma detection-rule engine: {@link dev.minewarden.core.sigma.SigmaLoader} reads rule files
 * (rules, Sigma filters, and correlation documents handed back raw), and {@link
 * dev.minewarden.core.sigma.CompiledRules} compiles rules and filters once into matchers that
 * raise {@link dev.minewarden.core.alert.Alert}s on {@link dev.minewarden.core.event.Event}s.
 * Everything under {@code internal} is implementation.
 */
package dev.minewarden.core.sigma;
