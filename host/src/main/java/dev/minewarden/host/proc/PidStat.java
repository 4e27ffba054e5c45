package dev.minewarden.host.proc;

import java.nio.charset.StandardCharsets;

/**
 * The fields of {@code /proc/<pid>/stat} the sensor uses. CPU times and the start time are in
 * clock ticks ({@code USER_HZ}, 100 on Linux); {@code rssPages} in pages.
 *
 * @param pid the process id
 * @param comm the command name (at most 15 bytes on a real kernel; may hold any byte but NUL)
 * @param state the one-letter state ({@code R}, {@code S}, {@code Z}...)
 * @param ppid the parent's pid (0 for pid 1 and kthreadd)
 * @param flags the kernel's {@code PF_*} flags; {@link #isKernelThread()} reads {@code PF_KTHREAD}
 * @param utime user time, ticks
 * @param stime system time, ticks
 * @param cutime user time of reaped children, ticks
 * @param cstime system time of reaped children, ticks
 * @param threads the number of threads
 * @param startTicks the start time, ticks after boot
 * @param rssPages the resident set, pages
 */
public record PidStat(
    int pid,
    String comm,
    char state,
    int ppid,
    long flags,
    long utime,
    long stime,
    long cutime,
    long cstime,
    int threads,
    long startTicks,
    long rssPages) {

  /** The kernel's flag for kernel threads; user space cannot set it. */
  public static final long PF_KTHREAD = 0x00200000L;

  /** Whether the kernel marks this task as a kernel thread. */
  public boolean isKernelThread() {
    return (flags & PF_KTHREAD) != 0;
  }

  /** User plus system time, ticks. */
  public long cpuTicks() {
    return utime + stime;
  }

  /**
   * Parses the bytes of {@code /proc/<pid>/stat} without cutting them into strings (read for every
   * process every sample): only the command name is decoded, as UTF-8 with invalid bytes replaced.
   *
   * @return the fields, or {@code null} when the bytes are not a stat line
   */
  public static PidStat parse(byte[] b, int len) {
    if (b == null) {
      return null;
    }
    int open = -1;
    for (int i = 0; i < len; i++) {
      if (b[i] == '(') {
        open = i;
        break;
      }
    }
    int close = -1;
    for (int i = len - 1; i > open; i--) {
      if (b[i] == ')') {
        close = i;
        break;
      }
    }
    if (open < 1 || close < open || close + 2 > len) {
      return null;
    }
    long pid = digits(b, 0, open);
    long[] f = new long[22];
    char state = 0;
    int i = close + 2;
    int k = 0;
    while (k < f.length && i < len) {
      while (i < len && b[i] == ' ') {
        i++;
      }
      int start = i;
      while (i < len && b[i] != ' ' && b[i] != '\n') {
        i++;
      }
      if (start == i) {
        break;
      }
      if (k == 0) {
        state = (char) (b[start] & 0xff);
      } else {
        f[k] = digits(b, start, i);
      }
      k++;
    }
    if (pid < 0 || k < 22) {
      return null;
    }
    return new PidStat((int) pid, new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8), state,
        (int) f[1], Math.max(0, f[6]), Math.max(0, f[11]), Math.max(0, f[12]), Math.max(0, f[13]),
        Math.max(0, f[14]), (int) Math.max(0, f[17]), Math.max(0, f[19]), Math.max(0, f[21]));
  }

  /** A decimal number in {@code b[from, to)}, spaces around it allowed; -1 when it is none. */
  private static long digits(byte[] b, int from, int to) {
    while (from < to && b[from] == ' ') {
      from++;
    }
    while (to > from && b[to - 1] == ' ') {
      to--;
    }
    boolean negative = from < to && b[from] == '-';
    if (negative) {
      from++;
    }
    if (from >= to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /**
   * Parses the text of {@code /proc/<pid>/stat}. The command name is everything between the first
   * {@code '('} and the last {@code ')'}, so names holding spaces, parentheses or newlines parse.
   *
   * @return the fields, or {@code null} when the text is not a stat line
   */
  public static PidStat parse(String text) {
    if (text == null) {
      return null;
    }
    int open = text.indexOf('(');
    int close = text.lastIndexOf(')');
    if (open < 1 || close < open || close + 2 > text.length()) {
      return null;
    }
    int pid = ParseUtil.parseInt(text.substring(0, open).trim(), -1);
    String[] f = text.substring(close + 2).trim().split(" ", 24);
    if (pid < 0 || f.length < 22 || f[0].isEmpty()) {
      return null;
    }
    return new PidStat(
        pid,
        text.substring(open + 1, close),
        f[0].charAt(0),
        ParseUtil.parseInt(f[1], -1),
        ParseUtil.parseLong(f[6], 0),
        ParseUtil.parseLong(f[11], 0),
        ParseUtil.parseLong(f[12], 0),
        ParseUtil.parseLong(f[13], 0),
        ParseUtil.parseLong(f[14], 0),
        ParseUtil.parseInt(f[17], 0),
        ParseUtil.parseLong(f[19], 0),
        ParseUtil.parseLong(f[21], 0));
  }
}
