package dev.minewarden.host.proc;

import java.util.ArrayList;
import java.util.List;

/** The accounts of {@code /etc/passwd}. */
public final class Passwd {
  /**
   * One account.
   *
   * @param name the user name
   * @param uid the user id
   * @param home the home directory
   * @param shell the login shell
   */
  public record Account(String name, int uid, String home, String shell) {}

  private Passwd() {}

  /** Parses {@code /etc/passwd} text; comments and lines with too few fields are skipped. */
  public static List<Account> parse(String text) {
    List<Account> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      String[] f = line.split(":", -1);
      if (line.startsWith("#") || f.length < 7) {
        continue;
      }
      int uid = ParseUtil.parseInt(f[2], -1);
      if (uid >= 0) {
        out.add(new Account(f[0], uid, f[5], f[6]));
      }
    }
    return out;
  }
}
