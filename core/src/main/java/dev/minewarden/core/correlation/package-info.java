/**
 * Sigma correlation rules (specification 2.1.0): {@link
 * dev.minewarden.core.correlation.CorrelationRule} parses a correlation document, {@link
 * dev.minewarden.core.correlation.CorrelationEngine} runs a set of them over detection alerts on
 * event time with sliding windows, independent of arrival order, with bounded state.
 */
package dev.minewarden.core.correlation;
