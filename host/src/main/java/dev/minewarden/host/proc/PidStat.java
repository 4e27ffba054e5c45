package dev.minewarden.host.proc;

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
