package dev.minewarden.posture.model;

/**
 * One directive of a key/value configuration file.
 *
 * @param value the value as written (trimmed), never null
 * @param line the 1-based line it was read from, 0 for built-in defaults
 * @param source the file it was read from (included files name themselves)
 */
public record Setting(String value, int line, String source) {}
