package dev.minewarden.posture.check;

import dev.minewarden.posture.Check;
import dev.minewarden.posture.Finding;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.Remediation;
import dev.minewarden.posture.model.Addresses;
import dev.minewarden.posture.model.ConfigFile;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.MatchBlock;
import dev.minewarden.posture.model.Setting;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sshd checks: password logins (MW-SSH-PASSWORD) and root logins with a password
 * (MW-SSH-ROOT). The global settings are judged first; then each {@code Match} block as if its
 * criteria matched some connection, because a block that turns passwords back on for one user or
 * address range is a way in for a brute-forcer too. Reachability comes from the host's listeners
 * when read locally, else from {@code ListenAddress}.
 */
final class SshdChecks {
  private SshdChecks() {}

  /** The settings a connection gets: a Match block's directives over the global ones. */
  private record View(ConfigFile file, Map<String, Setting> block) {
    Setting get(String key) {
      Setting s = block.get(key);
      return s != null ? s : file.get(key);
    }

    /** The first word of the directive, lower-cased (sshd rejects trailing words), or {@code dflt}. */
    String word(String key, String dflt) {
      Setting s = get(key);
      if (s == null || s.value().isBlank()) {
        return dflt;
      }
      return s.value().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    }

    boolean passwords() {
      String methods = get("authenticationmethods") == null ? "any"
          : get("authenticationmethods").value().toLowerCase(Locale.ROOT);
      boolean keysOnly = !methods.equals("any") && !methods.contains("password")
          && !methods.contains("keyboard-interactive");
      boolean pam = word("usepam", "no").equals("yes");
      String kbd = word("kbdinteractiveauthentication", word("challengeresponseauthentication", "yes"));
      return !keysOnly && (word("passwordauthentication", "yes").equals("yes") || (kbd.equals("yes") && pam));
    }

    boolean rootWithPassword() {
      // Since OpenSSH 7.0 the default is prohibit-password (alias without-password): keys only.
      return passwords() && word("permitrootlogin", "prohibit-password").equals("yes");
    }

    String how() {
      Setting pw = get("passwordauthentication");
      String how = word("passwordauthentication", "yes").equals("yes")
          ? "PasswordAuthentication " + (pw == null ? "yes (default)" : pw.value())
          : "KbdInteractiveAuthentication yes with UsePAM yes (PAM asks for the password)";
      return word("permitemptypasswords", "no").equals("yes") ? how + "; PermitEmptyPasswords yes" : how;
    }
  }

  static void run(ConfigFile c, Estate estate, List<Finding> out) {
    Reachability bound = bindReach(c);
    Reachability reach = c.local() ? HostChecks.listenerReach(estate, "sshd", 22, bound) : bound;
    View global = new View(c, Map.of());
    if (global.passwords()) {
      out.add(password(c, global, "", reach));
    }
    if (global.rootWithPassword()) {
      out.add(root(c, global, "", reach));
    }
    for (MatchBlock m : c.matchBlocks()) {
      View v = new View(c, m.settings());
      String scope = " (Match " + m.criteria() + ", line " + m.at().line() + ")";
      Reachability r = onlyPrivateAddresses(m.criteria()) ? lessReachable(reach, Reachability.NO_PUBLIC_ADDRESS) : reach;
      if (v.passwords() && !global.passwords()) {
        out.add(password(c, v, scope, r));
      }
      if (v.rootWithPassword() && !global.rootWithPassword()) {
        out.add(root(c, v, scope, r));
      }
    }
  }

  private static Finding password(ConfigFile c, View v, String scope, Reachability reach) {
    Setting at = v.get("passwordauthentication");
    return new Finding(Check.SSH_PASSWORD, reach.grade(Check.SSH_PASSWORD.baseSeverity()),
        "sshd accepts password logins" + scope, c.assetId(), "host", List.of(), reach,
        v.how() + scope + "; reachability: " + reach.label(), at != null ? at.source() : c.source(),
        at != null ? at.line() : 0, Check.SSH_PASSWORD.gangs(), List.of(), false,
        new Remediation("Allow keys only: turn off password and keyboard-interactive authentication"
            + (scope.isEmpty() ? "." : ", in the Match block too."),
            "sshd -t && systemctl reload ssh",
            "azurerm_linux_virtual_machine.disable_password_authentication = true",
            "PasswordAuthentication no\nKbdInteractiveAuthentication no"));
  }

  private static Finding root(ConfigFile c, View v, String scope, Reachability reach) {
    Setting r = v.get("permitrootlogin");
    return new Finding(Check.SSH_ROOT, reach.grade(Check.SSH_ROOT.baseSeverity()),
        "sshd permits root login with a password" + scope, c.assetId(), "host", List.of(), reach,
        "PermitRootLogin yes with passwords accepted" + scope + "; reachability: " + reach.label(),
        r.source(), r.line(), Check.SSH_ROOT.gangs(), List.of(), false,
        new Remediation("Stop root logins by password; administrators log in as themselves and use sudo.",
            "sshd -t && systemctl reload ssh", "", "PermitRootLogin prohibit-password"));
  }

  private static Reachability bindReach(ConfigFile c) {
    List<Setting> addrs = c.all("listenaddress");
    if (addrs.isEmpty()) {
      return Reachability.ALL_INTERFACES;
    }
    return addrs.stream().allMatch(s -> Addresses.isLoopback(Addresses.hostOf(s.value())))
        ? Reachability.LOCAL_ONLY : Reachability.ALL_INTERFACES;
  }

  /**
   * Whether the criteria include an {@code Address} list whose allowed patterns are all private
   * (so the block cannot apply to a client on the internet). Negated patterns allow nothing.
   */
  static boolean onlyPrivateAddresses(String criteria) {
    String[] words = criteria.strip().split("\\s+");
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equalsIgnoreCase("address")) {
        return java.util.Arrays.stream(words[i + 1].split(","))
            .filter(p -> !p.startsWith("!"))
            .allMatch(p -> !p.contains("*") && !p.contains("?") && !Addresses.isPublic(Addresses.hostOf(p)));
      }
    }
    return false;
  }

  private static Reachability lessReachable(Reachability a, Reachability b) {
    return a.max(b) == a ? b : a;
  }
}
