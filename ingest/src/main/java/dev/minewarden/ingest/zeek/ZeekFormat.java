package dev.minewarden.ingest.zeek;

import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.support.Head;

/**
 * Zeek logs of any path, tab-separated (header-driven: {@code #separator}, {@code #set_separator},
 * {@code #empty_field}, {@code #unset_field}, {@code #path}, {@code #fields}, {@code #types}) or one
 * JSON object per line ({@code LogAscii::use_json=T}).
 *
 * <p>Events carry Zeek's own field names ({@code id.orig_h}, {@code id.resp_p}, {@code query},
 * {@code qtype_name}...) typed after {@code #types} (ports and counts as {@link Long}, intervals as
 * {@link Double}, bools as {@link Boolean}, sets and vectors as lists), plus the Sigma taxonomy
 * names of docs/events.md. Logsource: product {@code zeek}, service the log's path, category {@code
 * network_connection} for {@code conn} and {@code dns} for {@code dns}. A record whose {@code ts}
 * is not a time (the masked {@code XXXXXXXXXX.XXXXXX} of test baselines) is malformed.
 *
 * <p>Stateless and thread-safe; per-file state lives in the parser.
 */
public final class ZeekFormat extends LineFormat {
  /** The format's name. */
  public static final String NAME = "zeek";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    Head h = Head.of(head, length);
    String text = h.text();
    if ((text.startsWith("#separator ") || text.contains("\n#separator "))
        && text.contains("\n#fields")) {
      return true;
    }
    String first = h.firstLine();
    return first.startsWith("{")
        && first.contains("\"id.orig_h\"")
        && (first.contains("\"uid\"") || first.contains("\"_path\""));
  }

  @Override
  protected LineParser newParser(SourceContext context) {
    return new ZeekLineParser(context.path());
  }
}
