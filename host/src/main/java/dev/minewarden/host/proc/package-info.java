/**
 * Lean readers of {@code /proc} and {@code /etc}: one small class per file, each a pure {@code
 * parse} method over text plus, where needed, a thin reader. Every path goes through {@link
 * dev.minewarden.host.proc.ProcFs}, whose root is configurable so that tests run on fixture trees.
 */
package dev.minewarden.host.proc;
