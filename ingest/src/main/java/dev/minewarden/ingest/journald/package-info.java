/**
 * systemd journal exports ({@code journalctl -o json}): {@link
 * dev.minewarden.ingest.journald.JournaldFormat} reads OpenSSH's entries into sshd events.
 */
package dev.minewarden.ingest.journald;
