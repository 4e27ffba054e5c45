package dev.minewarden.core.intel;

import java.util.Locale;

/** What an indicator's value is, which decides how it is normalised and matched. */
public enum IndicatorType {
  /** A DNS name; matches itself and every name under it (registrable-domain suffix match). */
  DOMAIN("domain"),
  /** One IPv4 or IPv6 address. */
  IP("ip"),
  /** An IPv4 or IPv6 network in CIDR notation. */
  CIDR("cidr"),
  /** A URL; matches where it occurs in a command line or URL field. */
  URL("url"),
  /** A file's base name ({@code d.sh}); matches a path ending in it. */
  FILE_NAME("filename"),
  /** A path or path fragment ({@code /tmp/.ICEd-unix}); matches where it occurs. */
  FILE_PATH("path"),
  /** A process name ({@code kdevtmpfsi}); matches an executable's base name. */
  PROCESS_NAME("process"),
  /** A file hash (MD5, SHA-1 or SHA-256 as lower-case hex). */
  HASH("hash"),
  /** A literal that occurs in command lines (a wallet, a characteristic snippet). */
  COMMAND_LINE("cmdline"),
  /** A TCP or UDP port. */
  PORT("port");

  private final String id;

  IndicatorType(String id) {
    this.id = id;
  }

  /** The short name used in files and output ({@code domain}, {@code ip}, ...). */
  public String id() {
    return id;
  }

  /** Whether the indicator names infrastructure (which gangs reuse and share) rather than an artefact. */
  public boolean isInfrastructure() {
    return this == DOMAIN || this == IP || this == CIDR || this == URL || this == PORT;
  }

  /** The type with this short name or enum name, case-insensitive. */
  public static IndicatorType fromId(String s) {
    String v = s.toLowerCase(Locale.ROOT);
    for (IndicatorType t : values()) {
      if (t.id.equals(v) || t.name().toLowerCase(Locale.ROOT).equals(v)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown indicator type '" + s + "'");
  }
}
