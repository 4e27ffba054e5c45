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
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon);
      String[] v = line.substring(colon + 1).trim().split("\\s+");
      switch (key) {
        case "Tgid" -> tgid = ParseUtil.parseInt(v[0], -1);
        case "PPid" -> ppid = ParseUtil.parseInt(v[0], -1);
        case "Uid" -> {
          uid = ParseUtil.parseInt(v[0], -1);
          euid = v.length > 1 ? ParseUtil.parseInt(v[1], -1) : uid;
        }
        case "Threads" -> threads = ParseUtil.parseInt(v[0], 0);
        case "VmRSS" -> rss = ParseUtil.parseLong(v[0], 0);
        default -> { }
      }
    }
    return tgid < 0 ? null : new PidStatus(tgid, ppid, uid, euid, threads, rss);
  }
}
