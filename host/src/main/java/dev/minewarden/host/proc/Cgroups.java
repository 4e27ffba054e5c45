package dev.minewarden.host.proc;

/** Reads container ids out of {@code /proc/<pid>/cgroup} text. */
public final class Cgroups {
  private static final int ID_LENGTH = 64;

  private Cgroups() {}

  /**
   * The container id in a cgroup file: the first run of exactly 64 lower-case hex digits in any
   * cgroup path (Docker {@code /docker/<id>}, systemd {@code docker-<id>.scope}, containerd {@code
   * cri-containerd-<id>.scope}, Podman {@code libpod-<id>}, Kubernetes {@code /kubepods/.../<id>}).
   *
   * @return the id, or {@code null} when the process is in no container the text shows
   */
  public static String containerId(String cgroupText) {
    if (cgroupText == null) {
      return null;
    }
    int run = 0;
    for (int i = 0; i < cgroupText.length(); i++) {
      char c = cgroupText.charAt(i);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
        run++;
      } else {
        if (run == ID_LENGTH) {
          return cgroupText.substring(i - run, i);
        }
        run = 0;
      }
    }
    return run == ID_LENGTH ? cgroupText.substring(cgroupText.length() - run) : null;
  }

  /** The cgroup path of the unified (v2) hierarchy or else the first listed one, or {@code null}. */
  public static String path(String cgroupText) {
    if (cgroupText == null) {
      return null;
    }
    String first = null;
    for (String line : cgroupText.split("\n")) {
      int c1 = line.indexOf(':');
      int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
      if (c2 < 0) {
        continue;
      }
      String p = line.substring(c2 + 1);
      if (line.startsWith("0::")) {
        return p;
      }
      if (first == null) {
        first = p;
      }
    }
    return first;
  }
}
