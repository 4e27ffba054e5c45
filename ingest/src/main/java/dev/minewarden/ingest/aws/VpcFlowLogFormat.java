package dev.minewarden.ingest.aws;

import dev.minewarden.ingest.EventSink;
import dev.minewarden.ingest.FilePieces;
import dev.minewarden.ingest.LineFormat;
import dev.minewarden.ingest.LineParser;
import dev.minewarden.ingest.LogFormat;
import dev.minewarden.ingest.SourceContext;
import dev.minewarden.ingest.support.Bytes;
import dev.minewarden.ingest.support.Head;
import java.io.IOException;
import java.io.InputStream;

/**
 * AWS VPC Flow Logs as text: the default version 2 format (14 fields, no header, as CloudWatch Logs
 * delivers it) and any custom format of versions 3 to 5 driven by the header line S3 delivery
 * writes. {@code -} values are left out; {@code NODATA}/{@code SKIPDATA} records become events with
 * their {@code log-status} and no addresses.
 *
 * <p>Events: logsource {@code aws / network_connection / vpcflowlogs}; {@code SourceIp}, {@code
 * DestinationIp}, {@code SourcePort}, {@code DestinationPort}, {@code Protocol} (name, or the
 * number as text when it has none), {@code Packets}, {@code BytesSent}, {@code Action}, {@code
 * Initiated} (from {@code flow-direction} and {@code tcp-flags} when both are there), and every
 * other field under its AWS name (numbers as {@link Long}). {@code version} is checked but not kept,
 * and {@code log-status} is kept only when it is not {@code OK}: that keeps a default record at
 * twelve fields, which matters at millions of records per second. Event time is {@code start}; host
 * is {@code instance-id}, else {@code interface-id}.
 *
 * <p>Line-oriented like a {@link LineFormat} (same UTF-8 and line-length rules, see {@link
 * #newParser}), but read through a byte-level line splitter for throughput.
 *
 * <p>Stateless and thread-safe; per-file state lives in the parser.
 */
public final class VpcFlowLogFormat implements LogFormat {
  /** The format's name. */
  public static final String NAME = "aws-vpcflow";

  @Override
  public String name() {
    return NAME;
  }

  /** False: flow records have addresses and ports only; their names come from DNS logs. */
  @Override
  public boolean mayCarryDnsAnswers() {
    return false;
  }

  @Override
  public boolean sniff(byte[] head, int length) {
    String first = Head.of(head, length).firstLine();
    if (first.isEmpty() || first.length() > 2048) {
      return false;
    }
    String[] tokens = first.split("[ \t]+");
    int[] starts = new int[tokens.length];
    int[] ends = new int[tokens.length];
    String joined = String.join(" ", tokens);
    int pos = 0;
    for (int i = 0; i < tokens.length; i++) {
      starts[i] = pos;
      ends[i] = pos + tokens[i].length();
      pos = ends[i] + 1;
    }
    byte[] bytes = joined.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    if (VpcFlowLineParser.isHeader(bytes, tokens.length, starts, ends)) {
      return joined.contains("srcaddr") || joined.contains("interface-id");
    }
    return tokens.length == 14
        && tokens[0].equals("2")
        && tokens[2].startsWith("eni-")
        && (tokens[13].equals("OK") || tokens[13].equals("NODATA")
            || tokens[13].equals("SKIPDATA"));
  }

  @Override
  public void parse(InputStream in, SourceContext context, EventSink sink) throws IOException {
    VpcFlowLineParser parser = new VpcFlowLineParser(context.path());
    new ByteLines(in).feed((ByteLines.Consumer) parser, sink);
    parser.end(sink);
  }

  /**
   * Pieces cut at {@code \n}, each parsed from the layout of the last header line before it, so a
   * large flow log is read by several threads with the events of one sequential read.
   */
  @Override
  public FilePieces pieces() {
    return PIECES;
  }

  private static final FilePieces PIECES = new FilePieces() {
    @Override
    public int cut(byte[] buf, int n) {
      for (int i = n - 1; i >= 0; i--) {
        if (buf[i] == '\n') {
          return i + 1;
        }
      }
      return -1;
    }

    @Override
    public long lines(byte[] buf, int cut) {
      return Bytes.countNewlines(buf, 0, cut);
    }

    @Override
    public Object stateAfter(Object before, byte[] buf, int cut) {
      return scan(before, buf, cut).state();
    }

    @Override
    public Scan scan(Object before, byte[] buf, int cut) {
      long[] lines = new long[1];
      VpcFlowLayout after =
          new VpcFlowLineParser(null, (VpcFlowLayout) before).layoutAfter(buf, cut, lines);
      return new Scan(after, lines[0]);
    }

    @Override
    public void parse(Object state, InputStream in, long firstLine, SourceContext context,
        EventSink sink) throws IOException {
      VpcFlowLineParser parser = new VpcFlowLineParser(context.path(), (VpcFlowLayout) state);
      new ByteLines(in, firstLine).feed((ByteLines.Consumer) parser, sink);
    }

    @Override
    public void parse(Object state, byte[] buf, int cut, long firstLine, SourceContext context,
        EventSink sink) {
      VpcFlowLineParser parser = new VpcFlowLineParser(context.path(), (VpcFlowLayout) state);
      new ByteLines(buf, cut, firstLine).feedInPlace(parser, sink);
    }
  };

  /** The per-file line parser, for callers that already have the lines as text. */
  public LineParser newParser(SourceContext context) {
    return new VpcFlowLineParser(context.path());
  }
}
