package dev.minewarden.host.response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.incident.Incidents;
import dev.minewarden.core.intel.Confidence;
import dev.minewarden.core.rules.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The response policy: which alerts lead to which actions (by rule, tags, level and attribution
 * confidence; the first matching rule decides), what is never touched (allowlists by executable
 * path or hash, user, container and address), and how blocking and banning are done. Loaded from
 * YAML; the format is in {@code docs/response.md}. Immutable and thread-safe.
 *
 * @param apply whether the policy itself asks to act ({@code mode: apply}); otherwise a dry run
 * @param rules the rules, first match wins
 * @param allowlist what is never acted on
 * @param only when not empty, the only processes acted on
 * @param egress how egress is blocked
 * @param ban how sources are banned
 * @param netns the network namespace firewall commands run in, or {@code null} for the host's own
 * @param maxAncestors how many suspicious ancestors a tree may climb (default 3)
 * @param quarantineDir the quarantine folder, or {@code null} for {@code quarantine/} in the
 *     response folder
 * @param backupDir the backups folder, or {@code null} for {@code backups/} in the response folder
 * @param auditLog the audit log, or {@code null} for {@code audit.log} in the response folder
 */
public record ResponsePolicy(boolean apply, List<Rule> rules, Selector allowlist, Selector only,
    Egress egress, Ban ban, String netns, int maxAncestors, Path quarantineDir, Path backupDir,
    Path auditLog) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String DEFAULT = "default-policy.yaml";

  /** Copies the lists. */
  public ResponsePolicy {
    rules = List.copyOf(rules);
  }

  /**
   * One policy rule.
   *
   * @param name a name for plans and the audit log
   * @param ruleIds rule ids or names, {@code *} wildcards allowed; empty matches any rule
   * @param tags rule tags of which one must be present; empty matches any
   * @param minLevel the lowest alert level that matches, or {@code null}
   * @param minConfidence the lowest attribution confidence ({@code
   *     minewarden.attribution.confidence}: low, medium, high) that matches, or {@code null} for
   *     none; alerts without attribution fail a minimum
   * @param groups attributed group names of which one must match; empty matches any
   * @param actions what to do; empty means nothing (an explicit "leave alone")
   */
  public record Rule(String name, List<String> ruleIds, List<String> tags, Severity minLevel,
      Confidence minConfidence, List<String> groups, Set<ActionKind> actions) {
    /** Copies the collections. */
    public Rule {
      ruleIds = List.copyOf(ruleIds);
      tags = List.copyOf(tags);
      groups = List.copyOf(groups);
      actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
    }

    /** Whether the rule matches an alert. */
    public boolean matches(Alert a) {
      if (!ruleIds.isEmpty() && ruleIds.stream().noneMatch(g -> Glob.matches(g, a.rule().id())
          || (a.rule().name() != null && Glob.matches(g, a.rule().name())))) {
        return false;
      }
      if (!tags.isEmpty() && a.rule().tags().stream().map(t -> t.toLowerCase(Locale.ROOT))
          .noneMatch(t -> tags.stream().anyMatch(g -> Glob.matches(g.toLowerCase(Locale.ROOT), t)))) {
        return false;
      }
      if (minLevel != null && a.rule().level().compareTo(minLevel) < 0) {
        return false;
      }
      if (minConfidence != null) {
        Confidence c = confidence(a);
        if (c == null || c.compareTo(minConfidence) < 0) {
          return false;
        }
      }
      Object group = a.attributes().get("threat.group.name");
      return groups.isEmpty() || (group != null && groups.stream()
          .anyMatch(g -> g.equalsIgnoreCase(String.valueOf(group))));
    }

    private static Confidence confidence(Alert a) {
      Object c = a.attributes().get(Incidents.CONFIDENCE);
      try {
        return c == null ? null : Confidence.valueOf(c.toString().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  /**
   * A set of processes (and addresses) by executable path glob, executable SHA-256, user and
   * container id. Empty lists select nothing.
   *
   * @param executables path globs ({@code /opt/lab/*}; {@code *} crosses slashes)
   * @param sha256 lower-case hex hashes of executables
   * @param users user names or numeric uids
   * @param containers container ids (a 12-character prefix is enough)
   * @param addresses CIDR ranges never blocked or banned
   */
  public record Selector(List<String> executables, Set<String> sha256, List<String> users,
      List<String> containers, List<String> addresses) {
    /** Copies the collections. */
    public Selector {
      executables = List.copyOf(executables);
      sha256 = Set.copyOf(sha256);
      users = List.copyOf(users);
      containers = List.copyOf(containers);
      addresses = List.copyOf(addresses);
    }

    /** Selects nothing. */
    public static Selector none() {
      return new Selector(List.of(), Set.of(), List.of(), List.of(), List.of());
    }

    /** Whether nothing is listed for processes. */
    public boolean isEmptyForProcesses() {
      return executables.isEmpty() && sha256.isEmpty() && users.isEmpty() && containers.isEmpty();
    }
  }

  /**
   * How egress to pools is blocked.
   *
   * @param method {@code auto} (nftables where {@code nft} exists, else iptables with ipset, else
   *     none), {@code nft}, {@code iptables} or {@code none}
   * @param hostsSinkhole whether pool names go into the hosts file as {@code 0.0.0.0}
   * @param rpzFile the RPZ zone file for the team's resolvers, or {@code null} for {@code
   *     pool-block.rpz} in the response folder
   */
  public record Egress(String method, boolean hostsSinkhole, Path rpzFile) {}

  /**
   * How brute-force sources are banned.
   *
   * @param method {@code builtin} (the firewall, with progressive times), {@code fail2ban}, {@code
   *     crowdsec} or {@code none}
   * @param durationsSeconds ban times for the first, second... ban of a source; the last repeats
   * @param jail the fail2ban jail
   */
  public record Ban(String method, List<Long> durationsSeconds, String jail) {
    /** Copies the list. */
    public Ban {
      durationsSeconds = List.copyOf(durationsSeconds);
    }
  }

  /** The built-in policy: a dry run that stops miners, restores tampering and bans brute force. */
  public static ResponsePolicy defaults() {
    try (InputStream in = ResponsePolicy.class.getResourceAsStream(DEFAULT)) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT);
    } catch (IOException e) {
      throw new IllegalStateException("the built-in response policy is missing", e);
    }
  }

  /**
   * Loads a policy file.
   *
   * @throws IllegalArgumentException naming the file and the bad key when the policy is invalid
   */
  public static ResponsePolicy load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** A copy that acts ({@code --apply}) or only plans. */
  public ResponsePolicy withApply(boolean act) {
    return new ResponsePolicy(act, rules, allowlist, only, egress, ban, netns, maxAncestors,
        quarantineDir, backupDir, auditLog);
  }

  /** Whether a selector names containers, so process reads need each process's cgroup. */
  public boolean needsContainers() {
    return !allowlist.containers().isEmpty() || !only.containers().isEmpty();
  }

  /** The actions the first matching rule gives an alert, and the rule, or {@code null}. */
  public Rule ruleFor(Alert a) {
    for (Rule r : rules) {
      if (r.matches(a)) {
        return r;
      }
    }
    return null;
  }

  /**
   * Parses a policy from YAML text.
   *
   * @param source the file name, for messages
   * @throws IllegalArgumentException naming the source and the bad key
   */
  public static ResponsePolicy parse(String yaml, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not YAML: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
    try {
      return fromTree(root == null || root.isMissingNode() || root.isNull() ? YAML.createObjectNode() : root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static ResponsePolicy fromTree(JsonNode root) {
    requireObject(root, "the policy");
    known(root, "policy", "mode", "rules", "allowlist", "only", "egress", "ban", "netns", "tree", "paths");
    String mode = text(root, "mode", "dry-run");
    if (!mode.equals("dry-run") && !mode.equals("apply")) {
      throw new IllegalArgumentException("mode must be dry-run or apply, not '" + mode + "'");
    }
    List<Rule> rules = new ArrayList<>();
    JsonNode rs = root.path("rules");
    if (!rs.isMissingNode() && !rs.isArray()) {
      throw new IllegalArgumentException("rules must be a list");
    }
    for (int i = 0; i < rs.size(); i++) {
      rules.add(rule(rs.get(i), "rules[" + i + "]"));
    }
    String netns = root.hasNonNull("netns") ? text(root, "netns", null) : null;
    if (netns != null && !CommandRunner.isNetnsName(netns)) {
      throw new IllegalArgumentException("netns: bad namespace name '" + netns + "'");
    }
    JsonNode tree = root.path("tree");
    known(tree, "tree", "maxAncestors");
    int maxAncestors = tree.path("maxAncestors").asInt(3);
    JsonNode paths = root.path("paths");
    known(paths, "paths", "quarantine", "backups", "audit");
    return new ResponsePolicy(mode.equals("apply"), rules, selector(root.path("allowlist"), "allowlist"),
        selector(root.path("only"), "only"), egress(root.path("egress")), ban(root.path("ban")), netns,
        Math.max(0, Math.min(maxAncestors, 16)), path(paths, "quarantine"), path(paths, "backups"),
        path(paths, "audit"));
  }

  private static Rule rule(JsonNode r, String where) {
    requireObject(r, where);
    known(r, where, "name", "match", "actions");
    JsonNode m = r.path("match");
    known(m, where + ".match", "rules", "tags", "minLevel", "minConfidence", "groups");
    Severity level = null;
    if (m.hasNonNull("minLevel")) {
      try {
        level = Severity.fromName(m.get("minLevel").asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".match.minLevel: " + e.getMessage());
      }
    }
    Confidence conf = null;
    if (m.hasNonNull("minConfidence")) {
      try {
        conf = Confidence.valueOf(m.get("minConfidence").asText().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".match.minConfidence must be low, medium or high");
      }
    }
    if (!r.has("actions") || !r.get("actions").isArray()) {
      throw new IllegalArgumentException(where + ".actions must be a list (empty to leave alone)");
    }
    Set<ActionKind> actions = EnumSet.noneOf(ActionKind.class);
    for (JsonNode a : r.get("actions")) {
      try {
        ActionKind k = ActionKind.fromLabel(a.asText());
        if (k == ActionKind.FREEZE) {
          throw new IllegalArgumentException("freeze is part of kill-tree and cannot be named alone");
        }
        actions.add(k);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".actions: " + e.getMessage());
      }
    }
    if (actions.contains(ActionKind.KILL)) {
      actions.add(ActionKind.FREEZE);
    }
    return new Rule(text(r, "name", where), strings(m, "rules", where + ".match"), strings(m, "tags", where + ".match"),
        level, conf, strings(m, "groups", where + ".match"), actions);
  }

  private static Selector selector(JsonNode s, String where) {
    if (s.isMissingNode() || s.isNull()) {
      return Selector.none();
    }
    requireObject(s, where);
    known(s, where, "executables", "sha256", "users", "containers", "addresses");
    List<String> hashes = new ArrayList<>();
    for (String h : strings(s, "sha256", where)) {
      String l = h.toLowerCase(Locale.ROOT);
      if (l.length() != 64 || !l.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        throw new IllegalArgumentException(where + ".sha256: '" + h + "' is not a SHA-256 in hex");
      }
      hashes.add(l);
    }
    List<String> cidrs = strings(s, "addresses", where);
    for (String c : cidrs) {
      int slash = c.indexOf('/');
      if (Addresses.parseIp(slash < 0 ? c : c.substring(0, slash)) == null) {
        throw new IllegalArgumentException(where + ".addresses: '" + c + "' is not an address or CIDR range");
      }
    }
    return new Selector(strings(s, "executables", where), Set.copyOf(hashes), strings(s, "users", where),
        strings(s, "containers", where), cidrs);
  }

  private static Egress egress(JsonNode e) {
    known(e, "egress", "method", "hostsSinkhole", "rpzFile");
    String method = text(e, "method", "auto");
    if (!List.of("auto", "nft", "iptables", "none").contains(method)) {
      throw new IllegalArgumentException("egress.method must be auto, nft, iptables or none, not '" + method + "'");
    }
    return new Egress(method, e.path("hostsSinkhole").asBoolean(true), path(e, "rpzFile"));
  }

  private static Ban ban(JsonNode b) {
    known(b, "ban", "method", "durations", "jail");
    String method = text(b, "method", "builtin");
    if (!List.of("builtin", "fail2ban", "crowdsec", "none").contains(method)) {
      throw new IllegalArgumentException("ban.method must be builtin, fail2ban, crowdsec or none, not '" + method + "'");
    }
    List<Long> durations = new ArrayList<>();
    for (String d : strings(b, "durations", "ban")) {
      durations.add(Durations.parseSeconds(d, "ban.durations"));
    }
    if (durations.isEmpty()) {
      durations = List.of(600L, 3600L, 86400L, 604800L);
    }
    String jail = text(b, "jail", "sshd");
    if (!CommandRunner.isNetnsName(jail)) {
      throw new IllegalArgumentException("ban.jail: bad jail name '" + jail + "'");
    }
    return new Ban(method, durations, jail);
  }

  private static void requireObject(JsonNode n, String where) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(where + " must be a mapping");
    }
  }

  private static void known(JsonNode n, String where, String... keys) {
    if (n.isMissingNode() || n.isNull()) {
      return;
    }
    requireObject(n, where);
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      String k = it.next().getKey();
      if (!List.of(keys).contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: " + String.join(", ", keys) + ")");
      }
    }
  }

  private static String text(JsonNode n, String key, String dflt) {
    JsonNode v = n.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    if (!v.isValueNode()) {
      throw new IllegalArgumentException(key + " must be a single value");
    }
    return v.asText();
  }

  private static Path path(JsonNode n, String key) {
    String t = text(n, key, null);
    return t == null || t.isBlank() ? null : Path.of(t);
  }

  private static List<String> strings(JsonNode n, String key, String where) {
    JsonNode v = n.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return List.of();
    }
    if (v.isValueNode()) {
      return List.of(v.asText());
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException(where + "." + key + " must be a list");
    }
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }
}
