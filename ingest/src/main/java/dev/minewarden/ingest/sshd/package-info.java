/**
 * OpenSSH server logs from syslog files: {@link dev.minewarden.ingest.sshd.SshdSyslogFormat} reads
 * the lines, {@link dev.minewarden.ingest.sshd.SshdMessageParser} classifies sshd's messages (also
 * used by the journald format).
 */
package dev.minewarden.ingest.sshd;
