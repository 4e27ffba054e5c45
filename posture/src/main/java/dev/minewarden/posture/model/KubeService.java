package dev.minewarden.posture.model;

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

  /** {@code Service/namespace/name}, the asset id used in findings. */
  public String assetId() {
    return "Service/" + namespace + "/" + name;
  }
}
