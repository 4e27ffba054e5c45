package dev.minewarden.posture.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes workload (Pod, Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob) with
 * its containers.
 *
 * @param kind the object kind
 * @param namespace its namespace, {@code default} when unset
 * @param name its name
 * @param serviceAccount the pod's service account, or {@code ""}
 * @param containers its containers and init containers
 * @param labels the pod template's labels
 * @param source the input it came from
 */
public record Workload(
    String kind,
    String namespace,
    String name,
    String serviceAccount,
    List<Container> containers,
    Map<String, String> labels,
    String source) {

  /** Checks the parts and copies the list. */
  public Workload {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    containers = List.copyOf(containers);
    labels = Map.copyOf(labels);
  }

  /** {@code Kind/namespace/name}, the asset id used in findings. */
  public String assetId() {
    return kind + "/" + namespace + "/" + name;
  }

  /**
   * A container: its name, image and the words of its command and args.
   *
   * @param name the container name
   * @param image the image reference as written
   * @param argv command followed by args
   */
  public record Container(String name, String image, List<String> argv) {
    /** Copies the list. */
    public Container {
      argv = List.copyOf(argv);
    }
  }
}
