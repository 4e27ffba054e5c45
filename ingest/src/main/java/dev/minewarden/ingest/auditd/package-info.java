/**
 * Linux audit logs: {@link dev.minewarden.ingest.auditd.AuditdFormat} assembles the records of
 * each audit event and emits process creations and per-record events.
 */
package dev.minewarden.ingest.auditd;
