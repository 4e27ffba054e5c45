package dev.minewarden.ingest.pcap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Finds JSON-RPC messages in one direction of a TCP flow and hands their {@link Evidence} to the
 * flow's {@link MiningSession}. Two framings are read, whatever the port: newline-delimited JSON
 * (Stratum and its dialects), recognised by a stream that starts with {@code {} or {@code [}; and
 * HTTP/1.x with {@code Content-Length} bodies (getblocktemplate, getwork), recognised by its
 * request or status line. Any other stream is ignored at its first byte. Each byte is looked at a
 * bounded number of times, messages longer than {@link Limits#maxMessage()} are skipped, and
 * nothing here throws on hostile bytes. Not thread-safe.
 */
final class StratumStream implements StreamConsumer {
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(64).maxNumberLength(256).maxStringLength(1 << 16).build())
      .build());
  private static final int MAX_HEAD = 8192;
  private static final int MAX_BATCH = 16;

  private enum Mode { START, JSON, HTTP_HEAD, HTTP_BODY, IGNORE }

  private final MiningSession session;
  private final boolean fromA;
  private final Limits limits;
  private final ByteBudget budget;
  private Mode mode = Mode.START;
  private boolean skipLine;
  private boolean midstream;
  private byte[] buf;
  private int len;
  private int headScan;
  private long bodyLeft;
  private boolean bodySkip;
  private String httpAgent;
  private String httpUser;
  private long time;
  private long packet;

  StratumStream(MiningSession session, boolean fromA, Limits limits, ByteBudget budget) {
    this.session = session;
    this.fromA = fromA;
    this.limits = limits;
    this.budget = budget;
  }

  @Override
  public void midstream() {
    midstream = true;
  }

  @Override
  public void gap() {
    len = 0;
    if (mode == Mode.JSON || (mode == Mode.START && midstream)) {
      mode = Mode.JSON;
      skipLine = true;
    } else if (mode != Mode.START) {
      // HTTP framing cannot be found again reliably after lost bytes.
      mode = Mode.IGNORE;
      release();
    }
  }

  @Override
  public void data(byte[] b, int off, int n, long time, long packet) {
    this.time = time;
    this.packet = packet;
    int i = off;
    int end = off + n;
    while (i < end) {
      switch (mode) {
        case START -> i = start(b, i, end);
        case JSON -> i = json(b, i, end);
        case HTTP_HEAD -> i = head(b, i, end);
        case HTTP_BODY -> i = body(b, i, end);
        default -> i = end;
      }
    }
  }

  @Override
  public void end() {
    if (mode == Mode.JSON && !skipLine && len > 0) {
      message(buf, 0, len, null, null);
    }
    mode = Mode.IGNORE;
    release();
  }

  private int start(byte[] b, int i, int end) {
    while (i < end && isSpace(b[i])) {
      i++;
    }
    if (i == end) {
      return end;
    }
    byte c = b[i];
    if (c == '{' || c == '[') {
      mode = Mode.JSON;
    } else if (c >= 'A' && c <= 'Z' && !midstream) {
      mode = Mode.HTTP_HEAD;
    } else if (midstream) {
      // Joined mid-stream: wait for the next line, which may start a JSON message.
      mode = Mode.JSON;
      skipLine = true;
    } else {
      mode = Mode.IGNORE;
    }
    return i;
  }

  private int json(byte[] b, int i, int end) {
    if (skipLine) {
      int nl = indexOf(b, i, end, (byte) '\n');
      if (nl < 0) {
        return end;
      }
      skipLine = false;
      return nl + 1;
    }
    if (len == 0) {
      while (i < end && isSpace(b[i])) {
        i++;
      }
      if (i == end) {
        return end;
      }
      if (b[i] != '{' && b[i] != '[') {
        skipLine = true;
        return i;
      }
    }
    int nl = indexOf(b, i, end, (byte) '\n');
    int stop = nl < 0 ? end : nl;
    if (!append(b, i, stop - i)) {
      len = 0;
      skipLine = nl < 0;
      return nl < 0 ? end : nl + 1;
    }
    if (nl < 0) {
      return end;
    }
    message(buf, 0, len, null, null);
    len = 0;
    return nl + 1;
  }

  private int head(byte[] b, int i, int end) {
    int n = Math.min(end - i, MAX_HEAD - len);
    if (n <= 0 || !append(b, i, n)) {
      mode = Mode.IGNORE;
      release();
      return end;
    }
    int from = Math.max(0, headScan - 3);
    int stop = -1;
    for (int k = from; k + 3 < len; k++) {
      if (buf[k] == '\r' && buf[k + 1] == '\n' && buf[k + 2] == '\r' && buf[k + 3] == '\n') {
        stop = k + 4;
        break;
      }
    }
    headScan = len;
    if (stop < 0) {
      if (len >= MAX_HEAD) {
        mode = Mode.IGNORE;
        release();
        return end;
      }
      return i + n;
    }
    // Bytes after the head belong to the body: hand them back to the loop.
    int consumed = n - (len - stop);
    parseHead(stop);
    len = 0;
    headScan = 0;
    return i + consumed;
  }

  private void parseHead(int headLen) {
    String text = new String(buf, 0, headLen, StandardCharsets.ISO_8859_1);
    int eol = text.indexOf("\r\n");
    String first = text.substring(0, eol);
    boolean request = first.endsWith(" HTTP/1.1") || first.endsWith(" HTTP/1.0");
    boolean response = first.startsWith("HTTP/1.");
    if (!request && !response) {
      mode = Mode.IGNORE;
      release();
      return;
    }
    long contentLength = 0;
    boolean chunked = false;
    httpAgent = null;
    httpUser = null;
    for (int from = eol + 2, to; (to = text.indexOf("\r\n", from)) > from; from = to + 2) {
      String line = text.substring(from, to);
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> contentLength = parseLength(value);
        case "transfer-encoding" -> chunked = true;
        case "user-agent" -> httpAgent = MiningClassifier.cut(value);
        case "authorization" -> httpUser = basicUser(value);
        default -> { }
      }
    }
    if (chunked || contentLength < 0) {
      // Chunked or unparseable: the body's end cannot be found, so the stream is left alone.
      mode = Mode.IGNORE;
      release();
      return;
    }
    mode = Mode.HTTP_BODY;
    bodyLeft = contentLength;
    bodySkip = contentLength > limits.maxMessage();
    if (contentLength == 0) {
      mode = Mode.HTTP_HEAD;
    }
  }

  private static long parseLength(String v) {
    if (v.isEmpty() || v.length() > 12) {
      return -1;
    }
    long n = 0;
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** The user name of a {@code Basic} authorization (never the password), or null. */
  static String basicUser(String value) {
    if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      byte[] raw = Base64.getDecoder().decode(value.substring(6).trim());
      String pair = new String(raw, StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return MiningClassifier.cut(colon < 0 ? pair : pair.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private int body(byte[] b, int i, int end) {
    int n = (int) Math.min(end - i, bodyLeft);
    if (!bodySkip && !append(b, i, n)) {
      bodySkip = true;
      len = 0;
    }
    bodyLeft -= n;
    if (bodyLeft == 0) {
      if (!bodySkip) {
        message(buf, 0, len, httpAgent, httpUser);
      }
      len = 0;
      mode = Mode.HTTP_HEAD;
    }
    return i + n;
  }

  /** Parses one framed message and passes on what it shows. */
  private void message(byte[] b, int off, int n, String agent, String user) {
    JsonNode node = parse(b, off, n);
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      for (int k = 0; k < Math.min(node.size(), MAX_BATCH); k++) {
        session.message(MiningClassifier.classify(node.get(k)), fromA, time, packet, agent, user);
      }
    } else {
      session.message(MiningClassifier.classify(node), fromA, time, packet, agent, user);
    }
  }

  /** Parses JSON, or returns null for anything that is not. Never throws. */
  static JsonNode parse(byte[] b, int off, int n) {
    int k = off;
    while (k < off + n && isSpace(b[k])) {
      k++;
    }
    if (k == off + n || (b[k] != '{' && b[k] != '[')) {
      return null;
    }
    try {
      return JSON.readTree(b, off, n);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private boolean append(byte[] b, int off, int n) {
    int need = len + n;
    if (need > limits.maxMessage()) {
      return false;
    }
    if (buf == null || buf.length < need) {
      int cap = Math.min(limits.maxMessage(), Math.max(need, buf == null ? 512 : buf.length * 2));
      byte[] bigger = new byte[cap];
      if (buf != null) {
        System.arraycopy(buf, 0, bigger, 0, len);
        budget.add(-buf.length);
      }
      budget.add(cap);
      buf = bigger;
    }
    System.arraycopy(b, off, buf, len, n);
    len = need;
    return true;
  }

  private void release() {
    if (buf != null) {
      budget.add(-buf.length);
      buf = null;
    }
    len = 0;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int k = from; k < to; k++) {
      if (b[k] == c) {
        return k;
      }
    }
    return -1;
  }
}
