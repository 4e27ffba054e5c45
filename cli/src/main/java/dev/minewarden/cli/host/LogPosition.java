package dev.minewarden.cli.host;

/**
 * Where a followed log was left: the file's identity ({@code dev/inode} as the JDK prints it), the
 * byte offset just after the last line handed to the parser, and that line's number; or, for the
 * journal, the cursor of the last entry read. Saved in the agent's state folder.
 *
 * @param fileKey the file's identity, or {@code null} for the journal
 * @param offset the byte offset after the last complete line read
 * @param line the number of the last line read (1-based; 0 before the first)
 * @param cursor the journal cursor of the last entry read, or {@code null}
 */
public record LogPosition(String fileKey, long offset, long line, String cursor) {}
