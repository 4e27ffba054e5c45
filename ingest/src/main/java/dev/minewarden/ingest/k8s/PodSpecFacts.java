package dev.minewarden.ingest.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a workload's pod spec says that matters for cryptojacking: its images, whether a container
 * runs privileged, and which host paths it mounts. Finds the pod spec of a Pod, of the
 * Deployment/DaemonSet/ReplicaSet/StatefulSet/Job kinds ({@code spec.template.spec}) and of a
 * CronJob ({@code spec.jobTemplate.spec.template.spec}). Immutable.
 */
record PodSpecFacts(List<String> images, boolean privileged, List<String> hostPaths,
    boolean hostPid, boolean hostNetwork) {

  private static final String[] CONTAINER_LISTS = {"containers", "initContainers",
      "ephemeralContainers"};

  /** The facts of the object's pod spec, or {@code null} when it has none. */
  static PodSpecFacts of(JsonNode object) {
    JsonNode spec = podSpec(object);
    if (spec == null) {
      return null;
    }
    List<String> images = new ArrayList<>();
    boolean privileged = false;
    for (String list : CONTAINER_LISTS) {
      for (JsonNode c : spec.path(list)) {
        String image = c.path("image").asText(null);
        if (image != null) {
          images.add(image);
        }
        privileged |= c.path("securityContext").path("privileged").asBoolean(false);
      }
    }
    List<String> hostPaths = new ArrayList<>();
    for (JsonNode v : spec.path("volumes")) {
      String path = v.path("hostPath").path("path").asText(null);
      if (path != null) {
        hostPaths.add(path);
      }
    }
    return new PodSpecFacts(images, privileged, hostPaths,
        spec.path("hostPID").asBoolean(false), spec.path("hostNetwork").asBoolean(false));
  }

  private static JsonNode podSpec(JsonNode object) {
    JsonNode[] candidates = {
      object.path("spec"),
      object.path("spec").path("template").path("spec"),
      object.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
    };
    for (JsonNode c : candidates) {
      if (c.path("containers").isArray()) {
        return c;
      }
    }
    return null;
  }
}
