package dev.minewarden.ingest.auditd;

/**
 * Parses one raw {@code audit.log} line, {@code [node=N ]type=T msg=audit(S.MS:SERIAL): k=v ...},
 * by index scanning. Values are {@code "quoted"}, {@code 'single quoted'} (user-space messages,
 * whose inner {@code k=v} list is flattened into the record) or bare tokens. The enriched section
 * starts at a {@code \x1d} byte; when a copy lost that byte ({@code key="x"ARCH=x86_64}, {@code
 * cap_frootid=0OUID="root"}), an upper-case key glued to the end of a value starts it instead.
 * Not thread-safe: one per file.
 */
final class AuditRecordParser {
  private static final char GROUP_SEPARATOR = '\u001d';

  /** Why the last {@link #parse} returned null. */
  String failure;

  /** The record, or {@code null} with {@link #failure} set. */
  AuditRecord parse(String s, long lineNumber) {
    int p = 0;
    String node = null;
    if (s.startsWith("node=")) {
      int end = s.indexOf(' ');
      if (end < 0) {
        return fail("truncated record");
      }
      node = s.substring(5, end);
      p = end + 1;
    }
    if (!s.startsWith("type=", p)) {
      return fail("no type= at the start of the record");
    }
    int typeEnd = s.indexOf(' ', p);
    if (typeEnd < 0 || !s.startsWith(" msg=audit(", typeEnd)) {
      return fail("no msg=audit( after the type");
    }
    String type = s.substring(p + 5, typeEnd);
    int idStart = typeEnd + 11;
    int close = s.indexOf(')', idStart);
    if (close < 0 || close - idStart > 40) {
      return fail("truncated audit event id");
    }
    long millis = eventMillis(s, idStart, close);
    if (millis == Long.MIN_VALUE || type.isEmpty()) {
      return fail("bad audit event id");
    }
    AuditRecord r = new AuditRecord(type, node, millis, s.substring(idStart, close), lineNumber, s.length());
    int body = close + 1;
    if (body < s.length() && s.charAt(body) == ':') {
      body++;
    }
    fields(s, body, s.length(), r, false);
    return r;
  }

  private AuditRecord fail(String reason) {
    failure = reason;
    return null;
  }

  /** Epoch ms of {@code seconds.millis:serial}, or {@link Long#MIN_VALUE}. */
  private static long eventMillis(String s, int start, int end) {
    int dot = s.indexOf('.', start);
    int colon = s.indexOf(':', start);
    if (dot <= start || colon <= dot + 1 || colon >= end - 0 || dot - start > 12) {
      return Long.MIN_VALUE;
    }
    long seconds = digits(s, start, dot);
    long fraction = digits(s, dot + 1, colon);
    long serial = digits(s, colon + 1, end);
    if (seconds < 0 || fraction < 0 || serial < 0 || colon - dot - 1 > 9) {
      return Long.MIN_VALUE;
    }
    int fractionDigits = colon - dot - 1;
    long millis = fraction;
    for (int i = fractionDigits; i < 3; i++) {
      millis *= 10;
    }
    for (int i = fractionDigits; i > 3; i--) {
      millis /= 10;
    }
    return seconds * 1000 + millis;
  }

  private static long digits(String s, int start, int end) {
    if (end <= start || end - start > 18) {
      return -1;
    }
    long v = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Reads {@code k=v} tokens of s[p, end) into the record; {@code enriched} once past \x1d. */
  private static void fields(String s, int p, int end, AuditRecord r, boolean nested) {
    while (p < end) {
      char c = s.charAt(p);
      if (c == ' ') {
        p++;
        continue;
      }
      if (c == GROUP_SEPARATOR) {
        p++;
        continue;
      }
      int eq = keyEnd(s, p, end);
      if (eq >= end || s.charAt(eq) != '=') {
        p = eq + 1; // a bare word ("avc:  denied  { read }"): skip it
        continue;
      }
      String key = s.substring(p, eq);
      p = value(s, eq + 1, end, key, r, nested);
    }
  }

  private static int keyEnd(String s, int p, int end) {
    int i = p;
    while (i < end) {
      char c = s.charAt(i);
      if (c == '=' || c == ' ' || c == GROUP_SEPARATOR) {
        return i;
      }
      i++;
    }
    return i;
  }

  /** Stores one value starting at {@code v}; returns where the next token may start. */
  private static int value(String s, int v, int end, String key, AuditRecord r, boolean nested) {
    if (v < end && s.charAt(v) == '"') {
      int close = s.indexOf('"', v + 1);
      int stop = close < 0 || close >= end ? end : close + 1;
      r.fields.put(key, s.substring(v, stop));
      return stop; // a glued enriched key ("x"ARCH=...) is read as the next token
    }
    if (v < end && s.charAt(v) == '\'' && !nested) {
      int close = s.indexOf('\'', v + 1);
      int stop = close < 0 || close >= end ? end : close;
      fields(s, v + 1, stop, r, true);
      return Math.min(end, stop + 1);
    }
    int stop = v;
    while (stop < end && s.charAt(stop) != ' ' && s.charAt(stop) != GROUP_SEPARATOR) {
      stop++;
    }
    int glued = gluedKey(s, v, stop);
    r.fields.put(key, s.substring(v, glued));
    return glued;
  }

  /**
   * Where an upper-case enriched key glued to a bare value starts ({@code 0OUID="root"} gives the
   * index of {@code O}), or {@code stop} when the value holds no {@code =}.
   */
  private static int gluedKey(String s, int v, int stop) {
    int eq = s.indexOf('=', v);
    if (eq < 0 || eq >= stop) {
      return stop;
    }
    int k = eq;
    while (k > v && (Character.isUpperCase(s.charAt(k - 1)) || s.charAt(k - 1) == '_')) {
      k--;
    }
    return k > v && k < eq ? k : stop;
  }
}
