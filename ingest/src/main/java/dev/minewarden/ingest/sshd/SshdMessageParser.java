package dev.minewarden.ingest.sshd;

import dev.minewarden.core.event.Event;

/**
 * Classifies one OpenSSH log message (the text after {@code sshd[pid]: }) and sets the sshd fields
 * of docs/events.md on an event builder: {@code event.action}, {@code event.outcome}, {@code
 * SourceIp}, {@code SourcePort}, {@code User}, {@code InvalidUser}, {@code AuthMethod}. Shared by the
 * syslog and journald formats. Uses index scanning only (no regex), and every scan is linear in
 * the message length, so hostile messages cost no more than their size.
 *
 * <p>Attacker-controlled text (user names, version strings) always comes before the address sshd
 * appends, so the address is taken from the rightmost {@code from <ip>} that looks like an address.
 *
 * <p>Stateless and thread-safe.
 */
public final class SshdMessageParser {
  /** Field: what happened, one of the {@code ssh_*} actions of docs/events.md. */
  public static final String ACTION = "event.action";
  /** Field: {@code success}, {@code failure} or {@code unknown}. */
  public static final String OUTCOME = "event.outcome";
  /** Field: the client address, IPv4 or IPv6 ({@code ::ffff:}-mapped IPv4 unmapped). */
  public static final String SOURCE_IP = "SourceIp";
  /** Field: the client's host name when sshd logs a name instead of an address. */
  public static final String SOURCE_HOSTNAME = "SourceHostname";
  /** Field: the client port (Long). */
  public static final String SOURCE_PORT = "SourcePort";
  /** Field: the user name tried. */
  public static final String USER = "User";
  /** Field: whether sshd says the user does not exist (Boolean). */
  public static final String INVALID_USER = "InvalidUser";
  /** Field: the authentication method ({@code password}, {@code publickey}...). */
  public static final String AUTH_METHOD = "AuthMethod";
  /** Field: N of an rsyslog {@code message repeated N times: [ ... ]} line (Long). */
  public static final String REPEAT_COUNT = "RepeatCount";

  static final String SUCCESS = "success";
  static final String FAILURE = "failure";
  static final String UNKNOWN = "unknown";
  private static final String PREAUTH = "[preauth]";

  private SshdMessageParser() {}

  /**
   * Sets the action, outcome and whatever address, port and user the message carries.
   *
   * @param message the sshd message, not null
   * @param b the event being built; only sshd fields are set
   * @return {@code null}, or why the message is malformed: it belongs to a message family sshd
   *     prints with a fixed grammar but breaks it (such a record is reported, not emitted)
   */
  public static String parse(String message, Event.Builder b) {
    String problem = grammarProblem(message);
    if (problem == null) {
      parse(message, b, true);
    }
    return problem;
  }

  /**
   * Checks the fixed grammar of sshd's disconnect messages: after {@code Disconnected from} or
   * {@code Connection closed/reset by} comes an address or one of the qualifiers {@code invalid
   * user}, {@code authenticating user} or {@code user}. Anything else was not written by sshd.
   */
  public static String grammarProblem(String m) {
    int p = m.startsWith("error: ") || m.startsWith("fatal: ") ? 7 : 0;
    int rest;
    if (m.startsWith("Disconnected from ", p)) {
      rest = p + 18;
    } else if (m.startsWith("Connection closed by ", p)) {
      rest = p + 21;
    } else if (m.startsWith("Connection reset by ", p)) {
      rest = p + 20;
    } else {
      return null;
    }
    if (rest >= m.length()) {
      return "sshd disconnect message without an address";
    }
    char c = m.charAt(rest);
    boolean address = Character.digit(c, 16) >= 0 || c == ':';
    if (address || m.startsWith("invalid user ", rest) || m.startsWith("authenticating user ", rest)
        || m.startsWith("user ", rest)) {
      return null;
    }
    int end = m.indexOf(' ', rest);
    String word = m.substring(rest, end < 0 ? Math.min(m.length(), rest + 32) : Math.min(end, rest + 32));
    return "unknown qualifier '" + word + "' in an sshd disconnect message";
  }

  private static void parse(String m, Event.Builder b, boolean allowRepeat) {
    int p = 0;
    if (m.startsWith("error: ") || m.startsWith("fatal: ")) {
      p = 7;
    }
    if (p >= m.length() || !classify(m, p, b, allowRepeat)) {
      other(m, b);
    }
  }

  private static boolean classify(String m, int p, Event.Builder b, boolean allowRepeat) {
    switch (m.charAt(p)) {
      case 'A':
        return m.startsWith("Accepted ", p) && authResult(m, p + 9, b, true);
      case 'F':
        return m.startsWith("Failed ", p) && authResult(m, p + 7, b, false);
      case 'I':
        return m.startsWith("Invalid user ", p) && invalidUser(m, p + 13, b);
      case 'i':
        return m.startsWith("input_userauth_request: invalid user ", p)
            && invalidUser(m, p + 37, b);
      case 'U':
        return unable(m, p, b) || userNotAllowed(m, p, b);
      case 'D':
        return disconnected(m, p, b) || didNotReceive(m, p, b) || disconnecting(m, p, b);
      case 'C':
        return connectionClosed(m, p, b);
      case 'R':
        return m.startsWith("Received disconnect from ", p) && receivedDisconnect(m, p + 25, b);
      case 'B':
        return m.startsWith("Bad protocol version identification", p)
            && addressed(m, p, b, "ssh_bad_protocol", FAILURE);
      case 'b':
        return m.startsWith("banner exchange: ", p)
            && addressed(m, p, b, "ssh_bad_protocol", FAILURE);
      case 'k':
        return m.startsWith("kex_exchange_identification: ", p)
            && addressed(m, p, b, "ssh_no_identification", FAILURE);
      case 'M':
        return m.startsWith("Magic value check failed", p)
            && addressed(m, p, b, "ssh_bad_protocol", FAILURE);
      case 'T':
        return m.startsWith("Timeout before authentication for ", p)
            && tokenAddress(m, p + 34, b, "ssh_auth_timeout");
      case 's':
        return m.startsWith("ssh_dispatch_run_fatal: ", p)
            && addressed(m, p, b, "ssh_bad_protocol", FAILURE);
      case 'm':
        return maxAttempts(m, p, b) || (allowRepeat && repeated(m, p, b));
      case 'p':
        return m.startsWith("pam_", p) && pamModule(m, p, b);
      case 'P':
        return pamSummary(m, p, b);
      case 'r':
        return m.startsWith("refused connect from ", p) && refused(m, p + 21, b);
      default:
        return false;
    }
  }

  /** {@code Accepted|Failed <method> for [invalid user ]<user> from <ip> port <n> ssh2...}. */
  private static boolean authResult(String m, int p, Event.Builder b, boolean accepted) {
    int methodEnd = m.indexOf(" for ", p);
    if (methodEnd < 0 || methodEnd == p || m.indexOf(' ', p) < methodEnd) {
      return false;
    }
    String method = m.substring(p, methodEnd);
    int u = methodEnd + 5;
    boolean invalid = m.startsWith("invalid user ", u);
    if (invalid) {
      u += 13;
    }
    int from = findFrom(m, u, m.length(), b);
    user(b, m, u, from < 0 ? m.length() : from);
    b.field(INVALID_USER, invalid);
    int slash = method.indexOf('/');
    b.field(AUTH_METHOD, slash > 0 ? method.substring(0, slash) : method);
    if (accepted) {
      set(b, "ssh_accepted", SUCCESS);
    } else if (method.equals("password")) {
      set(b, "ssh_failed_password", FAILURE);
    } else if (method.equals("publickey")) {
      set(b, "ssh_failed_publickey", FAILURE);
    } else {
      set(b, "ssh_failed_other", FAILURE);
    }
    return true;
  }

  private static boolean invalidUser(String m, int p, Event.Builder b) {
    int from = findFrom(m, p, m.length(), b);
    int end = from >= 0 ? from : m.endsWith(" " + PREAUTH) ? m.length() - 10 : m.length();
    user(b, m, p, end);
    b.field(INVALID_USER, Boolean.TRUE);
    set(b, "ssh_invalid_user", FAILURE);
    return true;
  }

  /** {@code User <u> from <ip> not allowed because ...} (AllowUsers, DenyUsers, shells...). */
  private static boolean userNotAllowed(String m, int p, Event.Builder b) {
    if (!m.startsWith("User ", p)) {
      return false;
    }
    int not = m.lastIndexOf(" not allowed because ");
    if (not < p + 5) {
      return false;
    }
    int from = findFrom(m, p + 5, not, b);
    user(b, m, p + 5, from < 0 ? not : from);
    set(b, "ssh_user_not_allowed", FAILURE);
    return true;
  }

  private static boolean unable(String m, int p, Event.Builder b) {
    return m.startsWith("Unable to negotiate with ", p)
        && tokenAddress(m, p + 25, b, "ssh_kex_failed");
  }

  private static boolean disconnected(String m, int p, Event.Builder b) {
    return m.startsWith("Disconnected from ", p) && closing(m, p + 18, b, "ssh_disconnect");
  }

  private static boolean connectionClosed(String m, int p, Event.Builder b) {
    if (m.startsWith("Connection closed by ", p) || m.startsWith("Connection reset by ", p)) {
      return closing(m, p + (m.charAt(p + 11) == 'c' ? 21 : 20), b, "ssh_connection_closed");
    }
    return false;
  }

  private static boolean didNotReceive(String m, int p, Event.Builder b) {
    return m.startsWith("Did not receive identification string", p)
        && addressed(m, p, b, "ssh_did_not_receive_identification", FAILURE);
  }

  /** {@code Disconnecting [invalid|authenticating] user <u> <ip> port <n>: Too many ...}. */
  private static boolean disconnecting(String m, int p, Event.Builder b) {
    if (!m.startsWith("Disconnecting", p)) {
      return false;
    }
    boolean tooMany = m.contains("Too many authentication failures");
    int colon = m.lastIndexOf(": ");
    if (m.startsWith("Disconnecting ", p) && colon > 0) {
      userIpPort(m, p + 14, colon, b);
    }
    set(b, tooMany ? "ssh_max_auth_exceeded" : "ssh_disconnect", tooMany ? FAILURE : outcome(m));
    return true;
  }

  /** {@code maximum authentication attempts exceeded for [invalid user ]<u> from <ip> ...}. */
  private static boolean maxAttempts(String m, int p, Event.Builder b) {
    String prefix = "maximum authentication attempts exceeded for ";
    if (!m.startsWith(prefix, p)) {
      return false;
    }
    int u = p + prefix.length();
    boolean invalid = m.startsWith("invalid user ", u);
    if (invalid) {
      u += 13;
    }
    int from = findFrom(m, u, m.length(), b);
    user(b, m, u, from < 0 ? m.length() : from);
    b.field(INVALID_USER, invalid);
    set(b, "ssh_max_auth_exceeded", FAILURE);
    return true;
  }

  /** Disconnect-like lines: {@code [<kind> user <u> ]<ip> port <n>[...] [preauth]}. */
  private static boolean closing(String m, int p, Event.Builder b, String action) {
    userIpPort(m, p, m.length(), b);
    set(b, action, outcome(m));
    return true;
  }

  /** Lines whose address is the first token at {@code p}: {@code <ip> port <n>...}. */
  private static boolean tokenAddress(String m, int p, Event.Builder b, String action) {
    addressAndPort(b, m, p, tokenEnd(m, p));
    set(b, action, FAILURE);
    return true;
  }

  /** {@code Received disconnect from <ip> port <n>:<code>: <reason>[ [preauth]]}. */
  private static boolean receivedDisconnect(String m, int p, Event.Builder b) {
    addressAndPort(b, m, p, tokenEnd(m, p));
    set(b, "ssh_disconnect", outcome(m));
    return true;
  }

  /** Lines with {@code from <ip> [port <n>]} somewhere. */
  private static boolean addressed(String m, int p, Event.Builder b, String action, String outcome) {
    findFrom(m, p, m.length(), b);
    set(b, action, outcome);
    return true;
  }

  /** {@code pam_unix(sshd:auth): authentication failure; ... rhost=<ip> user=<u>}, sessions. */
  private static boolean pamModule(String m, int p, Event.Builder b) {
    int close = m.indexOf("): ", p);
    if (close < 0 || close - p > 64) {
      return false;
    }
    int rest = close + 3;
    if (m.startsWith("session opened for user ", rest)) {
      pamSessionUser(m, rest + 24, b);
      set(b, "ssh_pam_session_opened", SUCCESS);
    } else if (m.startsWith("session closed for user ", rest)) {
      pamSessionUser(m, rest + 24, b);
      set(b, "ssh_pam_session_closed", UNKNOWN);
    } else if (m.startsWith("authentication failure", rest)) {
      pamKeyValues(m, rest, b);
      set(b, "ssh_pam_failure", FAILURE);
    } else if (m.regionMatches(close - 10, "(sshd:auth", 0, 10)) {
      pamKeyValues(m, rest, b);
      set(b, "ssh_pam_failure", m.contains("failure") || m.contains("unknown") ? FAILURE : UNKNOWN);
    } else {
      return false;
    }
    return true;
  }

  /** {@code PAM 2 more authentication failures; ...} and {@code PAM: Authentication failure for ...}. */
  private static boolean pamSummary(String m, int p, Event.Builder b) {
    if (m.startsWith("PAM: ", p)) {
      int u = m.indexOf(" for ", p);
      if (u < 0) {
        return false;
      }
      u += 5;
      boolean invalid = m.startsWith("illegal user ", u) || m.startsWith("invalid user ", u);
      if (invalid) {
        u += 13;
        b.field(INVALID_USER, Boolean.TRUE);
      }
      int from = findFrom(m, u, m.length(), b);
      user(b, m, u, from < 0 ? m.length() : from);
      set(b, "ssh_pam_failure", FAILURE);
      return true;
    }
    if (m.startsWith("PAM ", p) && m.indexOf("authentication failure", p) > 0) {
      pamKeyValues(m, p, b);
      set(b, "ssh_pam_failure", FAILURE);
      return true;
    }
    return false;
  }

  private static void pamSessionUser(String m, int u, Event.Builder b) {
    int end = u;
    while (end < m.length() && m.charAt(end) != '(' && m.charAt(end) != ' ') {
      end++;
    }
    user(b, m, u, end);
  }

  /** Reads {@code rhost=} and {@code user=} from PAM's key=value list (user= comes last). */
  private static void pamKeyValues(String m, int p, Event.Builder b) {
    int rhost = m.indexOf(" rhost=", p);
    if (rhost >= 0) {
      int start = rhost + 7;
      address(b, m, start, tokenEnd(m, start));
    }
    int user = m.lastIndexOf(" user=");
    if (user >= p) {
      int start = user + 6;
      user(b, m, start, m.length());
    }
  }

  /** {@code refused connect from <name> (<ip>)} (tcp wrappers). */
  private static boolean refused(String m, int p, Event.Builder b) {
    int open = m.lastIndexOf(" (");
    int close = m.lastIndexOf(')');
    if (open >= p && close > open + 2) {
      address(b, m, open + 2, close);
      if (open > p) {
        b.field(SOURCE_HOSTNAME, m.substring(p, open));
      }
    }
    set(b, "ssh_refused", FAILURE);
    return true;
  }

  /** {@code message repeated N times: [ <message>]} as written by rsyslog. */
  private static boolean repeated(String m, int p, Event.Builder b) {
    String prefix = "message repeated ";
    if (!m.startsWith(prefix, p)) {
      return false;
    }
    int n = p + prefix.length();
    int end = n;
    while (end < m.length() && end - n < 10 && Character.isDigit(m.charAt(end))) {
      end++;
    }
    if (end == n || !m.startsWith(" times: [", end)) {
      return false;
    }
    int inner = end + 9;
    if (inner < m.length() && m.charAt(inner) == ' ') {
      inner++;
    }
    int innerEnd = m.endsWith("]") ? m.length() - 1 : m.length();
    b.field(REPEAT_COUNT, Long.parseLong(m.substring(n, end)));
    parse(m.substring(inner, Math.max(inner, innerEnd)), b, false);
    return true;
  }

  private static void other(String m, Event.Builder b) {
    findFrom(m, 0, m.length(), b);
    set(b, "ssh_other", UNKNOWN);
  }

  /**
   * Reads {@code [<kind> user <u> ]<ip> port <n>} between {@code p} and {@code limit}: the address
   * is the token before the rightmost {@code " port "}; what comes before it names the user.
   */
  private static void userIpPort(String m, int p, int limit, Event.Builder b) {
    int port = m.lastIndexOf(" port ", limit - 1);
    int ipEnd = port >= p ? port : tokenEnd(m, p);
    int ipStart = m.lastIndexOf(' ', ipEnd - 1) + 1;
    if (ipStart < p) {
      ipStart = p;
    }
    if (!address(b, m, ipStart, ipEnd)) {
      return;
    }
    if (port >= p) {
      port(b, m, port + 6);
    }
    if (ipStart - 1 <= p) {
      return;
    }
    int userEnd = ipStart - 1;
    int u;
    if (m.startsWith("invalid user ", p)) {
      u = p + 13;
      b.field(INVALID_USER, Boolean.TRUE);
    } else if (m.startsWith("authenticating user ", p)) {
      u = p + 20;
      b.field(INVALID_USER, Boolean.FALSE);
    } else if (m.startsWith("user ", p)) {
      u = p + 5;
    } else {
      return; // an unknown qualifier: keep the address, guess no user
    }
    user(b, m, u, userEnd);
  }

  private static int findFromIndex(String m, int p, int limit) {
    int idx = m.lastIndexOf(" from ", limit - 6);
    while (idx >= p - 1 && idx >= 0) {
      int start = idx + 6;
      int end = tokenEnd(m, start, limit);
      if (isAddress(m, start, end) || (isHostname(m, start, end) && m.startsWith(" port ", end))) {
        return idx;
      }
      idx = m.lastIndexOf(" from ", idx - 1);
    }
    return -1;
  }

  /**
   * Sets the address and port after the rightmost valid {@code " from <ip>"} in m[p, limit) and
   * returns the index of that {@code " from "}, or -1.
   */
  private static int findFrom(String m, int p, int limit, Event.Builder b) {
    int idx = findFromIndex(m, p, limit);
    if (idx >= 0) {
      int start = idx + 6;
      addressAndPort(b, m, start, tokenEnd(m, start, limit));
    }
    return idx;
  }

  private static void addressAndPort(Event.Builder b, String m, int start, int end) {
    if (end > start && m.charAt(end - 1) == ',') {
      end--;
    }
    address(b, m, start, end);
    if (m.startsWith(" port ", end)) {
      port(b, m, end + 6);
    }
  }

  /** Sets SourceIp (or SourceHostname for a name) from m[start, end); false when empty. */
  private static boolean address(Event.Builder b, String m, int start, int end) {
    if (end > start && m.charAt(end - 1) == ':' && m.indexOf(':', start) == end - 1) {
      end--; // "1.2.3.4:" before a reason
    }
    if (end <= start) {
      return false;
    }
    if (isAddress(m, start, end)) {
      if (end - start > 7 && m.regionMatches(true, start, "::ffff:", 0, 7)
          && m.indexOf('.', start) > 0 && m.indexOf('.', start) < end) {
        start += 7;
      }
      b.field(SOURCE_IP, m.substring(start, end));
      return true;
    }
    if (isHostname(m, start, end)) {
      b.field(SOURCE_HOSTNAME, m.substring(start, end));
      return true;
    }
    return false;
  }

  private static void port(Event.Builder b, String m, int p) {
    long v = 0;
    int i = p;
    while (i < m.length() && i - p < 6 && m.charAt(i) >= '0' && m.charAt(i) <= '9') {
      v = v * 10 + (m.charAt(i) - '0');
      i++;
    }
    if (i > p && v <= 65535) {
      b.field(SOURCE_PORT, v);
    }
  }

  /**
   * Whether m[start, end) looks like an address: an IPv4 dotted quad (digits and dots), or IPv6
   * (hex digits and at least two colons, dots allowed for a mapped IPv4 tail, a {@code %scope}).
   * A shape check, not full validation.
   */
  static boolean isAddress(String m, int start, int end) {
    int len = end - start;
    if (len < 2 || len > 60) {
      return false;
    }
    int colons = 0;
    int dots = 0;
    boolean hexLetter = false;
    for (int i = start; i < end; i++) {
      char c = m.charAt(i);
      if (c == ':') {
        colons++;
      } else if (c == '.') {
        dots++;
      } else if (c == '%' && colons >= 2) {
        break; // scope id follows
      } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        hexLetter = true;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return colons >= 2 || (colons == 0 && dots == 3 && !hexLetter);
  }

  /** A DNS name: letters, digits, dots, hyphens and underscores, with at least one dot. */
  private static boolean isHostname(String m, int start, int end) {
    if (end - start < 3 || end - start > 253) {
      return false;
    }
    boolean dot = false;
    for (int i = start; i < end; i++) {
      char c = m.charAt(i);
      if (c == '.') {
        dot = true;
      } else if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
        return false;
      }
    }
    return dot;
  }

  private static void user(Event.Builder b, String m, int start, int end) {
    if (end > start) {
      b.field(USER, m.substring(start, end));
    }
  }

  private static String outcome(String m) {
    return m.endsWith(PREAUTH) || m.endsWith(PREAUTH + " ") ? FAILURE : UNKNOWN;
  }

  private static void set(Event.Builder b, String action, String outcome) {
    b.field(ACTION, action);
    b.field(OUTCOME, outcome);
  }

  private static int tokenEnd(String m, int p) {
    return tokenEnd(m, p, m.length());
  }

  private static int tokenEnd(String m, int p, int limit) {
    int i = p;
    while (i < limit && m.charAt(i) != ' ') {
      i++;
    }
    return i;
  }
}
