package dev.minewarden.posture.model;

import dev.minewarden.posture.Reachability;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes Service, reduced to its exposure.
 *
 * @param namespace its namespace
 * @param name its name
 * @param type ClusterIP, NodePort, LoadBalancer or ExternalName
 * @param ports its {@code port} numbers (and node ports for NodePort)
 * @param targetPorts its numeric {@code targetPort}s, aligned with the service ports where known
 * @param sourceRanges {@code loadBalancerSourceRanges}
 * @param annotations its annotations (for internal load balancer markers)
 * @param selector its pod selector
 * @param source the input it came from
 */
public record KubeService(
    String namespace,
    String name,
    String type,
    List<Integer> ports,
    List<Integer> targetPorts,
    List<String> sourceRanges,
    Map<String, String> annotations,
    Map<String, String> selector,
    String source) {

  /** Copies the collections. */
  public KubeService {
    ports = List.copyOf(ports);
    targetPorts = List.copyOf(targetPorts);
    sourceRanges = List.copyOf(sourceRanges);
    annotations = Map.copyOf(annotations);
    selector = Map.copyOf(selector);
  }

  /**
   * How reachable the Service makes the pods it selects: an internet-facing load balancer open to
   * any source is {@link Reachability#INTERNET}; node ports listen on every interface of every
   * node ({@link Reachability#ALL_INTERFACES}, whether nodes have public addresses is not known);
   * internal or source-restricted load balancers and cluster-internal types are {@link
   * Reachability#NO_PUBLIC_ADDRESS}.
   */
  public Reachability reachability() {
    boolean world = sourceRanges.isEmpty() || sourceRanges.stream().anyMatch(IngressRule::isWorld);
    if (type.equals("LoadBalancer") && world && !internalLoadBalancer()) {
      return Reachability.INTERNET;
    }
    if (type.equals("NodePort") && world) {
      return Reachability.ALL_INTERFACES;
    }
    return Reachability.NO_PUBLIC_ADDRESS;
  }

  /** Whether an annotation of a cloud provider marks the load balancer internal. */
  public boolean internalLoadBalancer() {
    return annotations.entrySet().stream().anyMatch(e -> {
      String key = e.getKey();
      String value = e.getValue().trim();
      // AWS/Azure: ...-load-balancer-internal: "true"; GKE: ...load-balancer-type: Internal;
      // AWS load balancer controller: aws-load-balancer-scheme: internal.
      return ((key.contains("load-balancer-internal") || key.endsWith("/internal")) && !value.equalsIgnoreCase("false"))
          || (key.endsWith("load-balancer-type") && value.equalsIgnoreCase("internal"))
          || (key.endsWith("aws-load-balancer-scheme") && value.equalsIgnoreCase("internal"));
    });
  }

  /** {@code Service/namespace/name}, the asset id used in findings. */
  public String assetId() {
    return "Service/" + namespace + "/" + name;
  }
}
