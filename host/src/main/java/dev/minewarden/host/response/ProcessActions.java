package dev.minewarden.host.response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Freezes and kills process trees. Freezing stops every member, then re-reads {@code /proc} and
 * stops whatever joined meanwhile (a child forked just before its parent stopped, a copy a
 * watchdog respawned), until a round finds nothing new; only then is the frozen tree killed, so no
 * watchdog is left running to respawn the others. Each signal re-checks the start time first. Not
 * thread-safe.
 */
final class ProcessActions {
  private static final int MAX_ROUNDS = 20;
  private static final long EXIT_WAIT_MS = 3000;

  private final Host host;
  private final ResponsePolicy policy;
  private final ProcControl control;
  private final Map<String, TreeFinder.Tree> frozen = new HashMap<>();

  ProcessActions(Host host, ResponsePolicy policy) {
    this.host = host;
    this.policy = policy;
    this.control = new ProcControl(host.fs(), host.local());
  }

  ProcControl control() {
    return control;
  }

  /** Stops the tree of a FREEZE step and keeps it for the KILL step. */
  ActionResult freeze(Plan.Step s) {
    if (!host.liveProc()) {
      return ActionResult.skipped(s, "the root's /proc is not this machine's: no process is signalled");
    }
    TreeFinder.Tree tree = plannedTree(s);
    ProcessTable now = ProcessTable.read(host.fs(), policy.needsContainers());
    List<String> reused = new ArrayList<>();
    for (ProcessTable.Proc m : tree.members()) {
      ProcessTable.Proc p = now.get(m.pid());
      if (p != null && p.startTicks() != m.startTicks() && p.state() != 'Z') {
        reused.add(Integer.toString(m.pid()));
      }
    }
    Map<Integer, Long> stopped = new LinkedHashMap<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (round > 0) {
        now = ProcessTable.read(host.fs(), policy.needsContainers());
      }
      tree = new TreeFinder(now, guard(now), policy.maxAncestors()).grow(tree);
      boolean added = false;
      for (ProcessTable.Proc p : tree.members()) {
        if (stopped.containsKey(p.pid())) {
          continue;
        }
        ProcControl.Outcome o = control.stop(p.pid(), p.startTicks());
        if (o == ProcControl.Outcome.DONE) {
          stopped.put(p.pid(), p.startTicks());
          added = true;
        } else if (o == ProcControl.Outcome.REUSED) {
          reused.add(Integer.toString(p.pid()));
        }
      }
      if (!added) {
        break;
      }
    }
    String reuse = reused.isEmpty() ? "" : "; pid reused since the plan, not touched: " + String.join(", ", reused);
    if (stopped.isEmpty()) {
      return ActionResult.of(s, "skipped", "no member of the tree is running any more" + reuse, null);
    }
    frozen.put(key(s), new TreeFinder.Tree(frozenMembers(tree, stopped), tree.images(), tree.leftAlone()));
    return ActionResult.of(s, "success", "stopped " + stopped.size() + " processes " + stopped.keySet() + reuse, null);
  }

  /** Kills the frozen tree of a KILL step, waits for it to go, and sweeps for respawned copies. */
  ActionResult kill(Plan.Step s) {
    TreeFinder.Tree tree = frozen.get(key(s));
    if (tree == null) {
      return ActionResult.skipped(s, "nothing of the tree was frozen, so nothing is killed");
    }
    Map<Integer, Long> killed = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      Map<Integer, Long> batch = new LinkedHashMap<>();
      for (ProcessTable.Proc p : tree.members()) {
        if (!killed.containsKey(p.pid())) {
          ProcControl.Outcome o = control.kill(p.pid(), p.startTicks());
          if (o == ProcControl.Outcome.DONE || o == ProcControl.Outcome.GONE) {
            batch.put(p.pid(), p.startTicks());
          } else if (o == ProcControl.Outcome.FAILED) {
            failed.add(Integer.toString(p.pid()));
          }
        }
      }
      control.awaitGone(batch, EXIT_WAIT_MS);
      killed.putAll(batch);
      // A copy started by something outside the tree (a cron job in flight): freeze and kill it too.
      ProcessTable now = ProcessTable.read(host.fs(), policy.needsContainers());
      List<ProcessTable.Proc> fresh = copies(now, tree.images(), killed);
      if (fresh.isEmpty()) {
        break;
      }
      fresh.forEach(p -> control.stop(p.pid(), p.startTicks()));
      tree = new TreeFinder.Tree(fresh, tree.images(), tree.leftAlone());
    }
    boolean gone = control.awaitGone(killed, EXIT_WAIT_MS);
    String msg = "killed " + killed.size() + " processes " + killed.keySet()
        + (failed.isEmpty() ? "" : "; could not signal " + failed) + (gone ? "" : "; some are still alive");
    return ActionResult.of(s, failed.isEmpty() && gone ? "success" : "partial", msg, null);
  }

  /** Live processes running one of the images that are not already killed (and not protected). */
  private List<ProcessTable.Proc> copies(ProcessTable now, Set<String> images, Map<Integer, Long> killed) {
    Guard g = guard(now);
    List<ProcessTable.Proc> out = new ArrayList<>();
    for (ProcessTable.Proc p : now.all().values()) {
      Long k = killed.get(p.pid());
      if ((k == null || k != p.startTicks()) && p.state() != 'Z' && images.contains(Images.image(p))
          && g.protection(p) == null) {
        out.add(p);
      }
    }
    return out;
  }

  private Guard guard(ProcessTable t) {
    return new Guard(host.fs(), t, policy, ProcessHandle.current().pid());
  }

  @SuppressWarnings("unchecked")
  private static TreeFinder.Tree plannedTree(Plan.Step s) {
    List<ProcessTable.Proc> members = new ArrayList<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) s.detail().get("members")) {
      members.add(new ProcessTable.Proc(((Number) m.get("pid")).intValue(), 0,
          ((Number) m.get("startTicks")).longValue(), '?', String.valueOf(m.get("comm")), null, false,
          List.of(), -1, null, null, false));
    }
    Set<String> images = new LinkedHashSet<>((List<String>) s.detail().getOrDefault("images", List.of()));
    return new TreeFinder.Tree(members, images, new LinkedHashMap<>());
  }

  private static List<ProcessTable.Proc> frozenMembers(TreeFinder.Tree t, Map<Integer, Long> stopped) {
    List<ProcessTable.Proc> out = new ArrayList<>();
    for (ProcessTable.Proc p : t.members()) {
      if (stopped.containsKey(p.pid())) {
        out.add(p);
      }
    }
    return out;
  }

  private static String key(Plan.Step s) {
    return String.valueOf(s.detail().get("tree"));
  }
}
