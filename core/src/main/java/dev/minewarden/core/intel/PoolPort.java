package dev.minewarden.core.intel;

/**
 * A port mining pools listen on.
 *
 * @param port the TCP port
 * @param coin the coin it is typical of
 * @param use how pools use it (plain Stratum, Stratum over TLS, ...)
 * @param source the source key
 */
public record PoolPort(int port, String coin, String use, String source) {}
