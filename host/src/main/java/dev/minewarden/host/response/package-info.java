/**
 * The response side of the host sensor: turns alerts into a plan under a YAML policy and, when
 * asked, carries it out in a safe order (freeze the whole tree, remove persistence and its locks,
 * quarantine, kill, block egress, ban sources, name the credentials to rotate), with allowlists,
 * a hash-chained audit log and undo. Entry points: {@link dev.minewarden.host.response.Responder},
 * {@link dev.minewarden.host.response.ResponsePolicy}, {@link dev.minewarden.host.response.Undo},
 * {@link dev.minewarden.host.response.AuditLog}.
 */
package dev.minewarden.host.response;
