package dev.minewarden.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * One input format: recognises itself from the head of a file and parses a whole stream into
 * events. Implementations are stateless and thread-safe; all per-file state lives inside {@link
 * #parse}. The hunt picks the format by content ({@link #sniff}), never by file name.
 */
public interface LogFormat {
  /** A short stable name, used by {@code --input-format} and in summaries ({@code sshd-syslog}). */
  String name();

  /**
   * Whether the head of a file looks like this format.
   *
   * @param head the first bytes of the (decompressed) input, up to 64 KiB; may end mid-line
   * @param length how many bytes of {@code head} are valid
   */
  boolean sniff(byte[] head, int length);

  /**
   * Parses the whole stream. Malformed records go to {@link EventSink#malformed} and parsing goes
   * on; only an I/O failure of the stream itself ends it.
   *
   * @throws IOException when reading the stream fails (a truncated gzip stream, say)
   */
  void parse(InputStream in, SourceContext context, EventSink sink) throws IOException;

  /**
   * Whether events of this format can hold DNS answers (an {@code answer} field), which the hunt's
   * passive-DNS pre-pass reads every input for. A format that never does is left out of that pass
   * instead of being read twice. True unless a format says otherwise, so a new format, or one that
   * copies arbitrary JSON keys into its events, is read.
   */
  default boolean mayCarryDnsAnswers() {
    return true;
  }

  /**
   * How a file of this format can be cut into pieces parsed apart by several threads, or {@code
   * null} when it must be read in one go (records spanning lines, state carried from record to
   * record).
   */
  default FilePieces pieces() {
    return null;
  }
}
