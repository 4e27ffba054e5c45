package dev.minewarden.posture.check;

import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.Instance;
import dev.minewarden.posture.model.NetworkInterface;
import dev.minewarden.posture.model.RouteTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is attached to which security group, and how reachable each instance is: Prowler's rule
 * (no public address; public address in a private subnet; public address in a public subnet,
 * one whose route table sends the default route to an internet gateway). Built once per
 * assessment; lookups are O(1).
 */
final class Topology {
  private final Estate estate;
  private final Map<String, List<String>> instancesByGroup = new HashMap<>();
  private final Map<String, Reachability> reach = new LinkedHashMap<>();
  private final Map<String, RouteTable> tableBySubnet = new HashMap<>();
  private final Map<String, RouteTable> mainByVpc = new HashMap<>();

  Topology(Estate estate) {
    this.estate = estate;
    for (RouteTable t : estate.routeTables().values()) {
      t.subnetIds().forEach(s -> tableBySubnet.put(s, t));
      if (t.main()) {
        mainByVpc.put(t.vpcId(), t);
      }
    }
    for (Instance i : estate.instances().values()) {
      if (i.state().equals("terminated")) {
        continue;
      }
      i.securityGroupIds().forEach(g -> attach(g, i.id()));
      reach.put(i.id(), computeReach(i));
    }
    // Interfaces of describe-network-interfaces whose instance is not in the inputs (or that
    // belong to no instance: load balancers, NAT, Lambda) expose their groups on their own.
    for (NetworkInterface n : estate.interfaces().values()) {
      if (!estate.instances().containsKey(n.instanceId())) {
        n.securityGroupIds().forEach(g -> attach(g, n.id()));
        reach.put(n.id(), n.publicIp().isEmpty() ? Reachability.NO_PUBLIC_ADDRESS : subnetReach(n.subnetId(), ""));
      }
    }
  }

  private void attach(String groupId, String assetId) {
    List<String> l = instancesByGroup.computeIfAbsent(groupId, k -> new ArrayList<>());
    if (!l.contains(assetId)) {
      l.add(assetId);
    }
  }

  /** The instances (or unowned network interfaces) using the group, in input order. */
  List<String> instancesOf(String groupId) {
    return instancesByGroup.getOrDefault(groupId, List.of());
  }

  /** How reachable an instance is; {@link Reachability#NO_PUBLIC_ADDRESS} for unknown ids. */
  Reachability reachOf(String instanceId) {
    return reach.getOrDefault(instanceId, Reachability.NO_PUBLIC_ADDRESS);
  }

  /** The most reachable of the instances, or NO_PUBLIC_ADDRESS when there are none. */
  Reachability reachOfAll(List<String> instanceIds) {
    Reachability r = Reachability.NO_PUBLIC_ADDRESS;
    for (String id : instanceIds) {
      r = r.max(reachOf(id));
    }
    return r;
  }

  /** Whether route tables were supplied at all (so "not public" is known rather than assumed). */
  boolean routesKnown() {
    return !estate.routeTables().isEmpty();
  }

  private Reachability computeReach(Instance i) {
    Reachability best = Reachability.NO_PUBLIC_ADDRESS;
    if (!i.publicIp().isEmpty()) {
      best = best.max(subnetReach(i.subnetId(), i.vpcId()));
    }
    for (String eniId : i.interfaceIds()) {
      NetworkInterface n = estate.interfaces().get(eniId);
      if (n != null && !n.publicIp().isEmpty()) {
        best = best.max(subnetReach(n.subnetId(), i.vpcId()));
      }
    }
    return best;
  }

  private Reachability subnetReach(String subnetId, String vpcId) {
    RouteTable t = tableBySubnet.get(subnetId);
    if (t == null) {
      String vpc = vpcId;
      if (vpc.isEmpty() && estate.subnets().containsKey(subnetId)) {
        vpc = estate.subnets().get(subnetId).vpcId();
      }
      t = mainByVpc.get(vpc);
    }
    return t != null && t.toInternetGateway() ? Reachability.INTERNET : Reachability.PUBLIC_ADDRESS;
  }
}
