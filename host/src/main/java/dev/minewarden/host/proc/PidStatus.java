package dev.minewarden.host.proc;

/**
 * The fields of {@code /proc/<pid>/status} the sensor uses.
 *
 * @param tgid the thread-group id: equal to the pid for a process, different for a thread
 * @param ppid the parent pid
 * @param uid the real user id, or -1 when absent
 * @param euid the effective user id, or -1 when absent
 * @param threads the number of threads
 * @param rssKb the resident set in KiB ({@code VmRSS}); 0 for kernel threads
 */
public record PidStatus(int tgid, int ppid, int uid, int euid, int threads, long rssKb) {

  /**
   * Parses the text of {@code /proc/<pid>/status}; lines it does not know are ignored.
   *
   * @return the fields, or {@code null} when the text has no {@code Tgid} line
   */
  public static PidStatus parse(String text) {
    if (text == null) {
      return null;
    }
    int tgid = -1;
    int ppid = -1;
    int uid = -1;
    int euid = -1;
    int threads = 0;
    long rss = 0;
    // Only the lines the sensor uses are cut into fields: a status file has some 55 lines, read
    // for every process first seen, so this avoids a regular expression and a split per line.
    int pos = 0;
    int n = text.length();
    while (pos < n) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      int colon = text.indexOf(':', pos);
      if (colon > pos && colon < eol) {
        if (text.startsWith("Tgid", pos) && colon == pos + 4) {
          tgid = intField(text, colon + 1, eol, 0, -1);
        } else if (text.startsWith("PPid", pos) && colon == pos + 4) {
          ppid = intField(text, colon + 1, eol, 0, -1);
        } else if (text.startsWith("Uid", pos) && colon == pos + 3) {
          uid = intField(text, colon + 1, eol, 0, -1);
          euid = intField(text, colon + 1, eol, 1, uid);
        } else if (text.startsWith("Threads", pos) && colon == pos + 7) {
          threads = intField(text, colon + 1, eol, 0, 0);
        } else if (text.startsWith("VmRSS", pos) && colon == pos + 5) {
          rss = field(text, colon + 1, eol, 0, 0);
        }
      }
      pos = eol + 1;
    }
    return tgid < 0 ? null : new PidStatus(tgid, ppid, uid, euid, threads, rss);
  }

  /** {@link #field} for an int: a value out of the int range gives {@code dflt}. */
  static int intField(String text, int from, int to, int index, int dflt) {
    long v = field(text, from, to, index, dflt);
    return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
  }

  /** The {@code index}-th whitespace-separated number in {@code text[from, to)}, or {@code dflt}. */
  static long field(String text, int from, int to, int index, long dflt) {
    int i = from;
    for (int k = 0; ; k++) {
      while (i < to && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < to && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (start == i) {
        return dflt;
      }
      if (k == index) {
        long v = ParseUtil.parseLong(text.subSequence(start, i), Long.MIN_VALUE);
        return v == Long.MIN_VALUE ? dflt : v;
      }
    }
  }
}
