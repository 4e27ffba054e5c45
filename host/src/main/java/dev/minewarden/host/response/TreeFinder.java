package dev.minewarden.host.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the whole infection around a flagged process: its suspicious ancestors (a launcher script
 * in /tmp, at most {@code maxAncestors} levels up), every descendant, and every other process
 * running the same dropped executable or script, such as a watchdog sibling or a copy that was
 * orphaned to PID 1, repeated until nothing new is found. System files never widen the tree, and
 * protected processes are never members. Not thread-safe.
 */
final class TreeFinder {
  private final ProcessTable table;
  private final Guard guard;
  private final int maxAncestors;

  /**
   * A tree found.
   *
   * @param members the processes to stop, seeds first
   * @param images the dropped executables and scripts that identify the infection
   * @param leftAlone processes that would have joined but are protected, with the reason
   */
  record Tree(List<ProcessTable.Proc> members, Set<String> images, Map<Integer, String> leftAlone) {}

  TreeFinder(ProcessTable table, Guard guard, int maxAncestors) {
    this.table = table;
    this.guard = guard;
    this.maxAncestors = maxAncestors;
  }

  /** The tree around the seeds (processes that alerts named); protected seeds stay out. */
  Tree find(List<ProcessTable.Proc> seeds) {
    Map<Integer, ProcessTable.Proc> members = new LinkedHashMap<>();
    Map<Integer, String> leftAlone = new LinkedHashMap<>();
    Set<String> images = new LinkedHashSet<>();
    for (ProcessTable.Proc s : seeds) {
      String why = guard.protection(s);
      if (why != null) {
        leftAlone.put(s.pid(), why);
        continue;
      }
      members.put(s.pid(), s);
      String img = Images.image(s);
      if (Images.isOwnImage(img) && (s.exe() == null || !Images.isInterpreter(img))) {
        images.add(img);
      }
      climb(s, members, images);
    }
    return grow(members, images, leftAlone);
  }

  /** Grows an earlier tree over this (fresher) table: new children and new copies join. */
  Tree grow(Tree earlier) {
    Map<Integer, ProcessTable.Proc> members = new LinkedHashMap<>();
    for (ProcessTable.Proc m : earlier.members()) {
      ProcessTable.Proc now = table.get(m.pid());
      if (now != null && now.startTicks() == m.startTicks()) {
        members.put(now.pid(), now);
      }
    }
    return grow(members, new LinkedHashSet<>(earlier.images()), new LinkedHashMap<>(earlier.leftAlone()));
  }

  private Tree grow(Map<Integer, ProcessTable.Proc> members, Set<String> images, Map<Integer, String> leftAlone) {
    boolean changed = !members.isEmpty();
    while (changed) {
      changed = false;
      for (ProcessTable.Proc m : List.copyOf(members.values())) {
        if (Images.isSuspicious(m) && Images.isOwnImage(Images.image(m))) {
          images.add(Images.image(m));
        }
      }
      for (ProcessTable.Proc p : table.all().values()) {
        if (members.containsKey(p.pid()) || leftAlone.containsKey(p.pid())) {
          continue;
        }
        boolean child = members.containsKey(p.ppid());
        boolean copy = images.contains(Images.image(p));
        if (!child && !copy) {
          continue;
        }
        String why = guard.protection(p);
        if (why != null) {
          leftAlone.put(p.pid(), why);
          continue;
        }
        members.put(p.pid(), p);
        changed = true;
        if (copy) {
          climb(p, members, images);
        }
      }
    }
    return new Tree(new ArrayList<>(members.values()), images, leftAlone);
  }

  private void climb(ProcessTable.Proc from, Map<Integer, ProcessTable.Proc> members, Set<String> images) {
    ProcessTable.Proc p = from;
    for (int i = 0; i < maxAncestors; i++) {
      ProcessTable.Proc parent = table.get(p.ppid());
      if (parent == null || parent.pid() <= 1 || members.containsKey(parent.pid())) {
        return;
      }
      boolean sameImage = Images.isOwnImage(Images.image(p)) && Images.image(p).equals(Images.image(parent));
      if (!(Images.isSuspicious(parent) || sameImage) || guard.protection(parent) != null) {
        return;
      }
      members.put(parent.pid(), parent);
      if (Images.isOwnImage(Images.image(parent))) {
        images.add(Images.image(parent));
      }
      p = parent;
    }
  }
}
