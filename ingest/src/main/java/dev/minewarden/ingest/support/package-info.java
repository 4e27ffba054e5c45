/**
 * Helpers shared by the cloud and network log formats: JSON record streams, flattening of nested
 * JSON into dotted field names, timestamp and protocol conversions, and sniffing of file heads.
 */
package dev.minewarden.ingest.support;
