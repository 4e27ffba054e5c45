package dev.minewarden.host.response;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.core.event.Event;
import dev.minewarden.host.proc.CpuStat;
import dev.minewarden.host.proc.Passwd;
import dev.minewarden.host.proc.ProcFs;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns alerts into a {@link Plan} under a policy: finds each flagged process's whole tree, the
 * persistence to remove, the files to restore, the pool addresses and names to block, the sources
 * to ban and the credentials to rotate, and notes what it must leave alone. Reads the host but
 * changes nothing. Not thread-safe.
 */
final class Planner {
  private static final long START_TOLERANCE_MS = 20;
  private static final int CLOCK_TICKS = 100;
  private static final List<String> CREDENTIAL_FILES = List.of(".aws/credentials", ".aws/config",
      ".config/gcloud/credentials.db", ".config/gcloud/application_default_credentials.json",
      ".azure/msal_token_cache.json", ".kube/config", ".docker/config.json", ".git-credentials",
      ".netrc", ".s3cfg", ".pgpass", ".ssh/id_rsa", ".ssh/id_ed25519", ".ssh/id_ecdsa");

  private final ProcFs fs;
  private final ProcessTable table;
  private final Guard guard;
  private final ResponsePolicy policy;
  private final ContentBaseline baseline;
  private final Bans bans;

  private final List<Plan.Step> steps = new ArrayList<>();
  private final List<Plan.Note> notes = new ArrayList<>();
  private final Set<String> noted = new LinkedHashSet<>();

  Planner(ProcFs fs, ProcessTable table, Guard guard, ResponsePolicy policy, ContentBaseline baseline, Bans bans) {
    this.fs = fs;
    this.table = table;
    this.guard = guard;
    this.policy = policy;
    this.baseline = baseline;
    this.bans = bans;
  }

  /** Plans the response to a batch of alerts. */
  Plan plan(List<Alert> alerts, String runId, long nowMillis) {
    Map<Alert, ResponsePolicy.Rule> matched = new LinkedHashMap<>();
    for (Alert a : alerts) {
      ResponsePolicy.Rule r = policy.ruleFor(a);
      if (r != null && !r.actions().isEmpty()) {
        matched.put(a, r);
      }
    }
    Set<ActionKind> wanted = EnumSet.noneOf(ActionKind.class);
    matched.values().forEach(r -> wanted.addAll(r.actions()));
    List<TreeFinder.Tree> trees = trees(matched);
    Set<String> images = new LinkedHashSet<>();
    trees.forEach(t -> images.addAll(t.images()));
    List<Persistence.Item> persistence = wanted.contains(ActionKind.REMOVE_PERSISTENCE)
        ? Persistence.find(fs, baseline, images) : List.of();
    persistence.forEach(i -> step(ActionKind.REMOVE_PERSISTENCE, i.hostPath(), i.reason(), rulesOf(matched, ActionKind.REMOVE_PERSISTENCE),
        Map.of("path", i.hostPath(), "kind", i.kind().name(), "lines", i.lines(), "links", i.links())));
    restores(matched);
    if (wanted.contains(ActionKind.BLOCK_EGRESS)) {
      block(matched, trees);
    }
    banSources(matched);
    if (wanted.contains(ActionKind.ROTATE_CREDENTIALS)) {
      rotate(matched, trees, persistence);
    }
    return new Plan(runId, nowMillis, numbered(runId), notes);
  }

  private List<TreeFinder.Tree> trees(Map<Alert, ResponsePolicy.Rule> matched) {
    List<TreeFinder.Tree> trees = new ArrayList<>();
    Set<Integer> covered = new LinkedHashSet<>();
    TreeFinder finder = new TreeFinder(table, guard, policy.maxAncestors());
    for (Map.Entry<Alert, ResponsePolicy.Rule> m : matched.entrySet()) {
      Set<ActionKind> acts = m.getValue().actions();
      if (!acts.contains(ActionKind.KILL) && !acts.contains(ActionKind.QUARANTINE)) {
        continue;
      }
      ProcessTable.Proc seed = seed(m.getKey());
      if (seed == null || covered.contains(seed.pid())) {
        continue;
      }
      TreeFinder.Tree t = finder.find(List.of(seed));
      t.leftAlone().forEach((pid, why) -> note(describe(table.get(pid), pid), why));
      if (t.members().isEmpty()) {
        continue;
      }
      t.members().forEach(p -> covered.add(p.pid()));
      trees.add(t);
      List<String> rules = List.of(m.getKey().rule().id());
      if (acts.contains(ActionKind.KILL)) {
        String treeKey = "tree-" + seed.pid() + "-" + seed.startTicks();
        step(ActionKind.FREEZE, describeTree(t), "stop every member before any is killed", rules,
            Map.of("tree", treeKey, "members", members(t), "images", List.copyOf(t.images())));
        step(ActionKind.KILL, describeTree(t), m.getKey().rule().title(), rules, Map.of("tree", treeKey));
      }
      if (acts.contains(ActionKind.QUARANTINE)) {
        quarantine(t, seed, rules);
      }
    }
    return trees;
  }

  /** The process an alert names, if it is still the same process; else a note and {@code null}. */
  private ProcessTable.Proc seed(Alert a) {
    Object pidObj = a.attributes().getOrDefault("process.pid", a.event().get("ProcessId"));
    if (!(pidObj instanceof Number n) || n.longValue() <= 0 || n.longValue() > Integer.MAX_VALUE) {
      return null;
    }
    int pid = n.intValue();
    ProcessTable.Proc p = table.get(pid);
    if (p == null || p.state() == 'Z') {
      note("pid " + pid, "exited since the alert");
      return null;
    }
    if (!sameProcess(a, p)) {
      note(describe(p, pid), "pid reused since the alert (another process now): not touched");
      return null;
    }
    return p;
  }

  /** Whether the process now at the alert's pid is the one the alert saw (start time, executable). */
  private boolean sameProcess(Alert a, ProcessTable.Proc p) {
    Event e = a.event();
    String start = e.getString("StartTime");
    if (start != null) {
      CpuStat cpu = CpuStat.parse(fs.readText(fs.path("/proc/stat"), 64 << 10, "stat"));
      if (cpu != null && cpu.bootTimeSeconds() > 0) {
        try {
          long then = Instant.parse(start).toEpochMilli();
          long now = cpu.bootTimeSeconds() * 1000 + p.startTicks() * 1000 / CLOCK_TICKS;
          if (Math.abs(then - now) > START_TOLERANCE_MS) {
            return false;
          }
        } catch (DateTimeParseException ignored) {
          // Not our format: fall back on the executable.
        }
      }
    }
    Object exe = a.attributes().get("process.executable");
    if (exe instanceof String s && p.exe() != null) {
      String shown = p.exeDeleted() ? p.exe() + " (deleted)" : p.exe();
      return s.equals(shown) || s.equals(p.exe());
    }
    return true;
  }

  private void quarantine(TreeFinder.Tree t, ProcessTable.Proc seed, List<String> rules) {
    Set<String> done = new LinkedHashSet<>();
    for (ProcessTable.Proc p : t.members()) {
      String img = Images.image(p);
      boolean eligible = Images.isOwnImage(img) && (Images.isSuspicious(p) || p == seed)
          && !(Images.isInterpreter(img) && Images.script(p) == null);
      if (!eligible || !done.add(img)) {
        continue;
      }
      boolean viaProc = Images.script(p) == null && (p.exeDeleted() || img.equals(p.exe()));
      step(ActionKind.QUARANTINE, img, p.exeDeleted() ? "executable deleted after start: saved from the running process"
          : "dropped executable or script", rules,
          Map.of("pid", p.pid(), "startTicks", p.startTicks(), "path", img, "viaProc", viaProc,
              "deleted", p.exeDeleted() && viaProc));
    }
  }

  private void restores(Map<Alert, ResponsePolicy.Rule> matched) {
    Set<String> done = new LinkedHashSet<>();
    for (Map.Entry<Alert, ResponsePolicy.Rule> m : matched.entrySet()) {
      if (!m.getValue().actions().contains(ActionKind.RESTORE_FILE)) {
        continue;
      }
      Alert a = m.getKey();
      Object path = a.attributes().getOrDefault("file.path", a.event().get("TargetFilename"));
      String hp = a.rule().id().equals("mw-host-ld-preload") ? "/etc/ld.so.preload" : path instanceof String s ? s : null;
      if (hp == null || !ContentBaseline.TAMPER_FILES.contains(hp) || !done.add(hp)) {
        continue;
      }
      if (baseline == null) {
        note(hp, "no baseline to restore from (run with a state folder first)");
        continue;
      }
      ContentBaseline.Entry before = baseline.files.get(hp);
      ContentBaseline.Entry now = ContentBaseline.read(fs.path(hp));
      if (before != null && now != null && before.sha256().equals(now.sha256())) {
        continue;
      }
      if (before != null && before.content() == null && before.target() == null) {
        note(hp, "baseline kept only the hash (file too large): restore by hand");
        continue;
      }
      step(ActionKind.RESTORE_FILE, hp, before == null ? "absent in the baseline: removed" : "changed since the baseline",
          List.of(a.rule().id()), Map.of("path", hp));
    }
  }

  private void block(Map<Alert, ResponsePolicy.Rule> matched, List<TreeFinder.Tree> trees) {
    Set<String> ips = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    List<String> rules = rulesOf(matched, ActionKind.BLOCK_EGRESS);
    for (Map.Entry<Alert, ResponsePolicy.Rule> m : matched.entrySet()) {
      if (m.getValue().actions().contains(ActionKind.BLOCK_EGRESS)) {
        Alert a = m.getKey();
        endpoint(String.valueOf(attr(a, "destination.ip", "DestinationIp")), ips, names);
        endpoint(String.valueOf(attr(a, "destination.domain", "DestinationHostname")), ips, names);
        endpoint(String.valueOf(attr(a, "dns.question.name", "query")), ips, names);
      }
    }
    for (TreeFinder.Tree t : trees) {
      t.members().forEach(p -> PoolEndpoints.from(ProcessTable.fullArgv(fs, p)).forEach(h -> endpoint(h, ips, names)));
    }
    ips.removeIf(ip -> {
      String why = addressProtection(ip);
      if (why != null) {
        note(ip, why);
      }
      return why != null;
    });
    if (!ips.isEmpty() || !names.isEmpty()) {
      List<String> all = new ArrayList<>(ips);
      all.addAll(names);
      step(ActionKind.BLOCK_EGRESS, String.join(", ", all), "mining pool endpoints", rules,
          Map.of("addresses", List.copyOf(ips), "names", List.copyOf(names)));
    }
  }

  private static void endpoint(String h, Set<String> ips, Set<String> names) {
    String ip = Addresses.canonicalIp(h);
    if (ip != null) {
      ips.add(ip);
      return;
    }
    String d = Addresses.canonicalDomain(h);
    if (d != null) {
      names.add(d);
    }
  }

  private void banSources(Map<Alert, ResponsePolicy.Rule> matched) {
    Set<String> done = new LinkedHashSet<>();
    for (Map.Entry<Alert, ResponsePolicy.Rule> m : matched.entrySet()) {
      if (!m.getValue().actions().contains(ActionKind.BAN_SOURCE)) {
        continue;
      }
      String ip = Addresses.canonicalIp(String.valueOf(attr(m.getKey(), "source.ip", "SourceIp")));
      if (ip == null || !done.add(ip)) {
        continue;
      }
      String why = addressProtection(ip);
      if (why != null) {
        note(ip, why);
        continue;
      }
      long seconds = bans.nextDuration(ip, policy.ban().durationsSeconds());
      step(ActionKind.BAN_SOURCE, ip, "brute-force source, ban " + (bans.count(ip) + 1) + " for " + seconds + " s",
          List.of(m.getKey().rule().id()), Map.of("ip", ip, "seconds", seconds, "method", policy.ban().method(),
              "jail", policy.ban().jail()));
    }
  }

  private String addressProtection(String ip) {
    InetAddress a = Addresses.parseIp(ip);
    if (!Addresses.isBlockable(a)) {
      return "loopback, link-local, multicast or unspecified address: never blocked";
    }
    for (String cidr : policy.allowlist().addresses()) {
      if (Addresses.inRange(a, cidr)) {
        return "allowlisted (address " + cidr + ")";
      }
    }
    return null;
  }

  private void rotate(Map<Alert, ResponsePolicy.Rule> matched, List<TreeFinder.Tree> trees, List<Persistence.Item> items) {
    Set<String> users = new TreeSet<>();
    trees.forEach(t -> t.members().forEach(p -> {
      if (p.user() != null) {
        users.add(p.user());
      }
    }));
    List<String> advice = new ArrayList<>();
    Map<String, String> homes = new LinkedHashMap<>();
    for (Passwd.Account a : Passwd.parse(fs.readText(fs.path("/etc/passwd"), 4 << 20, "passwd"))) {
      homes.putIfAbsent(a.name(), a.home());
    }
    for (Persistence.Item i : items) {
      if (i.kind() == ContentBaseline.Kind.KEYS) {
        advice.add("SSH access: " + i.lines().size() + " key(s) added to " + i.hostPath()
            + "; find where else those keys are trusted, and rotate the keys of that account");
      }
    }
    for (String u : users) {
      String home = homes.getOrDefault(u, u.equals("root") ? "/root" : null);
      List<String> found = new ArrayList<>();
      if (home != null) {
        for (String f : CREDENTIAL_FILES) {
          if (Files.exists(fs.path(home + "/" + f))) {
            found.add(home + "/" + f);
          }
        }
      }
      advice.add("user " + u + " ran the infection: rotate its password and keys"
          + (found.isEmpty() ? "" : "; credentials it could read: " + String.join(", ", found)));
    }
    if (!users.isEmpty()) {
      advice.add("cloud: revoke the instance role's sessions and rotate keys it could reach"
          + " (the gangs read the metadata service at 169.254.169.254)");
    }
    if (!advice.isEmpty()) {
      step(ActionKind.ROTATE_CREDENTIALS, String.join(", ", users.isEmpty() ? Set.of("ssh keys") : users),
          "credentials the infection could read or added", rulesOf(matched, ActionKind.ROTATE_CREDENTIALS),
          Map.of("advice", advice));
    }
  }

  private static Object attr(Alert a, String ecs, String field) {
    Object v = a.attributes().get(ecs);
    return v != null ? v : a.event().get(field);
  }

  private static List<String> rulesOf(Map<Alert, ResponsePolicy.Rule> matched, ActionKind kind) {
    Set<String> ids = new LinkedHashSet<>();
    matched.forEach((a, r) -> {
      if (r.actions().contains(kind)) {
        ids.add(a.rule().id());
      }
    });
    return List.copyOf(ids);
  }

  private void step(ActionKind kind, String target, String reason, List<String> rules, Map<String, Object> detail) {
    steps.add(new Plan.Step("", kind, target, reason, rules, detail));
  }

  private void note(String target, String reason) {
    if (noted.add(target + "|" + reason)) {
      notes.add(new Plan.Note(target, reason));
    }
  }

  /** The steps in execution order (stable within a kind), numbered {@code RUN.1}, {@code RUN.2}... */
  private List<Plan.Step> numbered(String runId) {
    List<Plan.Step> sorted = new ArrayList<>(steps);
    sorted.sort((x, y) -> Integer.compare(x.kind().ordinal(), y.kind().ordinal()));
    List<Plan.Step> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Plan.Step s = sorted.get(i);
      out.add(new Plan.Step(runId + "." + (i + 1), s.kind(), s.target(), s.reason(), s.rules(), s.detail()));
    }
    return out;
  }

  private static List<Map<String, Object>> members(TreeFinder.Tree t) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ProcessTable.Proc p : t.members()) {
      out.add(Map.of("pid", p.pid(), "startTicks", p.startTicks(), "image", String.valueOf(Images.image(p)),
          "comm", p.comm()));
    }
    return out;
  }

  private static String describeTree(TreeFinder.Tree t) {
    ProcessTable.Proc first = t.members().get(0);
    return "tree of pid " + first.pid() + " " + first.comm() + " (" + t.members().size() + " processes)";
  }

  static String describe(ProcessTable.Proc p, int pid) {
    return p == null ? "pid " + pid : "pid " + pid + " " + p.image();
  }
}
