package dev.minewarden.core.text;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * JSON string escapes for output that may end up on a terminal: besides what JSON requires, DEL,
 * the C1 controls (U+0080 to U+009F: U+009B is a CSI in many terminals), the line and paragraph
 * separators and the bidirectional overrides that {@link Sanitize#forTerminal} escapes are written
 * as {@code \\uXXXX}, so an NDJSON alert stream printed as it is cannot drive the terminal.
 * Stateless and thread-safe.
 */
public final class TerminalSafeJson extends CharacterEscapes {
  private static final long serialVersionUID = 1L;
  private final int[] ascii;

  private TerminalSafeJson() {
    ascii = standardAsciiEscapesForJSON();
    ascii[0x7f] = ESCAPE_STANDARD;
  }

  /** Sets these escapes on a mapper's factory and returns the mapper. */
  public static ObjectMapper apply(ObjectMapper mapper) {
    mapper.getFactory().setCharacterEscapes(new TerminalSafeJson());
    return mapper;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return Sanitize.isUnsafe((char) ch)
        ? new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch))
        : null;
  }
}
