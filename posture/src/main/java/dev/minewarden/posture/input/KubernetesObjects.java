package dev.minewarden.posture.input;

import static dev.minewarden.posture.input.Nodes.list;
import static dev.minewarden.posture.input.Nodes.text;
import static dev.minewarden.posture.input.Nodes.texts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.EtcdSettings;
import dev.minewarden.posture.model.KubeService;
import dev.minewarden.posture.model.KubeletSettings;
import dev.minewarden.posture.model.RoleBinding;
import dev.minewarden.posture.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Kubernetes objects from manifests and {@code kubectl get -o json|yaml} lists: workloads
 * (with their images and argv, and etcd/kubelet flags of static pods), Services, role bindings
 * and KubeletConfiguration documents.
 */
public final class KubernetesObjects {
  private static final Set<String> POD_TEMPLATES =
      Set.of("Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "ReplicationController");

  private KubernetesObjects() {}

  /** Whether the document is a Kubernetes object or list. */
  static boolean isKubernetes(JsonNode doc) {
    return doc.isObject() && doc.has("kind") && (doc.has("apiVersion") || doc.has("items"));
  }

  /** Reads one object (or list, recursively) into the estate; nesting is bounded. */
  static void read(JsonNode doc, String source, Estate estate) {
    read(doc, source, estate, 0);
  }

  private static void read(JsonNode doc, String source, Estate estate, int depth) {
    String kind = text(doc, "kind");
    if (doc.has("items") && doc.get("items").isArray() && depth < 8) {
      doc.get("items").forEach(i -> read(i, source, estate, depth + 1));
      return;
    }
    JsonNode meta = doc.path("metadata");
    String ns = text(meta, "namespace").isEmpty() ? "default" : text(meta, "namespace");
    String name = text(meta, "name");
    JsonNode podSpec = null;
    JsonNode labels = null;
    if (kind.equals("Pod")) {
      podSpec = doc.get("spec");
      labels = meta.get("labels");
    } else if (POD_TEMPLATES.contains(kind)) {
      podSpec = doc.path("spec").path("template").get("spec");
      labels = doc.path("spec").path("template").path("metadata").get("labels");
    } else if (kind.equals("CronJob")) {
      JsonNode t = doc.path("spec").path("jobTemplate").path("spec").path("template");
      podSpec = t.get("spec");
      labels = t.path("metadata").get("labels");
    }
    if (podSpec != null && podSpec.isObject()) {
      workload(kind, ns, name, podSpec, labels, source, estate);
    } else if (kind.equals("Service")) {
      service(ns, name, doc.path("spec"), meta, source, estate);
    } else if (kind.equals("ClusterRoleBinding") || kind.equals("RoleBinding")) {
      List<String> subjects = new ArrayList<>();
      for (JsonNode s : list(doc, "subjects")) {
        subjects.add(text(s, "kind") + ":" + text(s, "namespace") + "/" + text(s, "name"));
      }
      estate.add(new RoleBinding(kind, name, text(doc.path("roleRef"), "name"), subjects, source));
    } else if (kind.equals("KubeletConfiguration")) {
      estate.add(kubeletConfig(doc, name.isEmpty() ? source : name, source));
    }
  }

  /** Reads a KubeletConfiguration document (YAML or JSON tree). */
  public static KubeletSettings kubeletConfig(JsonNode doc, String assetId, String source) {
    JsonNode auth = doc.path("authentication").path("anonymous");
    Integer ro = doc.has("readOnlyPort") ? Nodes.integer(doc, "readOnlyPort", 0) : null;
    String mode = text(doc.path("authorization"), "mode");
    return new KubeletSettings(assetId, Nodes.bool(auth, "enabled"), mode.isEmpty() ? null : mode,
        ro, text(doc, "address").isEmpty() ? null : text(doc, "address"), false, source);
  }

  private static void workload(
      String kind, String ns, String name, JsonNode spec, JsonNode labelNode, String source, Estate estate) {
    List<Workload.Container> containers = new ArrayList<>();
    for (String field : List.of("initContainers", "containers")) {
      for (JsonNode c : list(spec, field)) {
        List<String> argv = new ArrayList<>(texts(c, "command"));
        argv.addAll(texts(c, "args"));
        containers.add(new Workload.Container(text(c, "name"), text(c, "image"), argv));
      }
    }
    Map<String, String> labels = new HashMap<>();
    if (labelNode != null && labelNode.isObject()) {
      labelNode.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    }
    String sa = text(spec, "serviceAccountName").isEmpty() ? text(spec, "serviceAccount")
        : text(spec, "serviceAccountName");
    Workload w = new Workload(kind, ns, name, sa, containers, labels, source);
    estate.add(w);
    for (Workload.Container c : containers) {
      DaemonFlags.etcd(c.argv(), w.assetId(), source).ifPresent(estate::add);
      DaemonFlags.kubelet(c.argv(), w.assetId(), source).ifPresent(estate::add);
    }
  }

  private static void service(String ns, String name, JsonNode spec, JsonNode meta, String source, Estate estate) {
    List<Integer> ports = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (JsonNode p : list(spec, "ports")) {
      ports.add(Nodes.integer(p, "port", 0));
      targets.add(Nodes.integer(p, "targetPort", Nodes.integer(p, "port", 0)));
    }
    Map<String, String> annotations = new HashMap<>();
    meta.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    Map<String, String> selector = new HashMap<>();
    spec.path("selector").properties().forEach(e -> selector.put(e.getKey(), e.getValue().asText()));
    String type = text(spec, "type").isEmpty() ? "ClusterIP" : text(spec, "type");
    estate.add(new KubeService(ns, name, type, ports, targets, texts(spec, "loadBalancerSourceRanges"),
        annotations, selector, source));
  }
}
