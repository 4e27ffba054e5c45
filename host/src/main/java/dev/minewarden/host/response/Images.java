package dev.minewarden.host.response;

import dev.minewarden.host.proc.Text;
import java.util.List;
import java.util.Set;

/**
 * What a process runs, as far as the response cares: its executable, or for an interpreter the
 * script it was given; whether that lies where droppers put files; and whether it is a shared
 * system file that must never be quarantined or used to pull in other processes. Pure.
 */
final class Images {
  private static final Set<String> INTERPRETERS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh",
      "busybox", "perl", "python", "python2", "python3", "ruby", "node", "php", "lua");
  private static final List<String> WRITABLE = List.of("/tmp/", "/var/tmp/", "/dev/shm/",
      "/run/user/", "/var/run/user/", "memfd:");
  private static final List<String> SYSTEM = List.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/",
      "/usr/lib/", "/usr/lib64/", "/lib/", "/lib64/", "/usr/libexec/", "/usr/share/", "/snap/",
      "/nix/store/", "/opt/java/", "/usr/local/lib/");

  private Images() {}

  /** Whether the executable is a script interpreter (by its base name, version suffix ignored). */
  static boolean isInterpreter(String exe) {
    if (exe == null) {
      return false;
    }
    String b = Text.basename(exe);
    int i = b.length();
    while (i > 0 && (Character.isDigit(b.charAt(i - 1)) || b.charAt(i - 1) == '.')) {
      i--;
    }
    return INTERPRETERS.contains(b) || INTERPRETERS.contains(b.substring(0, i));
  }

  /**
   * The image of a process: the script path when an interpreter runs one ({@code bash
   * /tmp/.x/w.sh}), else the executable; {@code null} when neither is known.
   */
  static String image(ProcessTable.Proc p) {
    String script = script(p);
    return script != null ? script : p.exe();
  }

  /** The absolute script path an interpreter was started with, or {@code null}. */
  static String script(ProcessTable.Proc p) {
    if (!isInterpreter(p.exe())) {
      return null;
    }
    for (int i = 1; i < p.argv().size() && i < 4; i++) {
      String a = p.argv().get(i);
      if (a.startsWith("/") && a.length() < 4096 && a.indexOf('\n') < 0) {
        return a;
      }
      if (!a.startsWith("-")) {
        return null;
      }
    }
    return null;
  }

  /** Whether a path lies where droppers put files: temporary folders, a dot folder, memfd. */
  static boolean isDropLocation(String path) {
    if (path == null) {
      return false;
    }
    for (String w : WRITABLE) {
      if (path.startsWith(w)) {
        return true;
      }
    }
    return path.contains("/.") && !path.contains("/./");
  }

  /** Whether a path is a shared system file (never quarantined, never a reason to widen a tree). */
  static boolean isSystemPath(String path) {
    if (path == null) {
      return true;
    }
    for (String s : SYSTEM) {
      if (path.startsWith(s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the process's image singles out an infection: a script or executable in a drop
   * location, or a deleted executable; never a shared system file or an interpreter itself.
   */
  static boolean isSuspicious(ProcessTable.Proc p) {
    String img = image(p);
    if (img == null || (isInterpreter(img) && script(p) == null)) {
      return false;
    }
    return isDropLocation(img) || (p.exeDeleted() && script(p) == null && !isSystemPath(img));
  }

  /** Whether an image may be quarantined or used to find sibling copies: not a system file. */
  static boolean isOwnImage(String image) {
    return image != null && !isSystemPath(image) && !image.startsWith("memfd:");
  }
}
