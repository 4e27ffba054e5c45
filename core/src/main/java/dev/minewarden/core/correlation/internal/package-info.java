/**
 * Implementation of the correlation engine: reorder buffer, group tables and the per-type
 * windows. Not API; may change without notice.
 */
package dev.minewarden.core.correlation.internal;
