package dev.minewarden.posture.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.model.DockerDaemon;
import dev.minewarden.posture.model.Estate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads posture inputs from files, folders or bytes, recognising each by its content (never by
 * its name) and adding what it says to an {@link Estate}. A file that is unreadable, too large,
 * malformed or unrecognised becomes an {@link InputProblem}; fatal when it was named explicitly.
 * Not thread-safe.
 */
public final class InputReader {
  /** Files larger than this (bytes) are skipped: inventory exports are far smaller. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;

  private static final Set<String> DAEMON_KEYS = Set.of("hosts", "tls", "tlsverify", "tlscacert",
      "tlscert", "tlskey", "data-root", "log-driver", "log-opts", "storage-driver", "insecure-registries",
      "registry-mirrors", "live-restore", "userland-proxy", "icc", "iptables", "default-runtime",
      "runtimes", "exec-opts", "bip", "dns", "features", "experimental", "debug", "userns-remap");

  private final Estate estate;
  private final ObjectMapper json = new ObjectMapper();
  private final YAMLMapper yaml;

  /** A reader that adds to {@code estate}. */
  public InputReader(Estate estate) {
    this.estate = estate;
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(100);
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_BYTES));
    this.yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  /** Reads a file, or every regular file under a folder (symbolic links are not followed). */
  public void read(Path path) {
    if (Files.isDirectory(path)) {
      readFolder(path);
    } else {
      readFile(path, true);
    }
  }

  private void readFolder(Path dir) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir, 16)) {
      s.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().forEach(files::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      estate.problem(new InputProblem(dir.toString(), 0, "cannot list folder: " + e.getMessage(), true));
      return;
    }
    int unrecognised = 0;
    for (Path f : files) {
      if (!readFile(f, false)) {
        unrecognised++;
      }
    }
    if (unrecognised > 0) {
      estate.problem(new InputProblem(dir.toString(), 0,
          unrecognised + " file(s) in the folder are no posture input and were skipped", false));
    }
  }

  private boolean readFile(Path file, boolean explicit) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        estate.problem(new InputProblem(source, 0, "larger than " + MAX_BYTES + " bytes, skipped", explicit));
        return true;
      }
      return read(source, Files.readAllBytes(file), explicit);
    } catch (IOException e) {
      estate.problem(new InputProblem(source, 0, "cannot read: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()), true));
      return true;
    }
  }

  /**
   * Reads one input from bytes.
   *
   * @param source the name to report it under
   * @param explicit whether the user named it (an unrecognised explicit input is a fatal problem)
   * @return false when the content is no posture input (and was not explicit)
   */
  public boolean read(String source, byte[] content, boolean explicit) {
    if (looksBinary(content)) {
      return unrecognised(source, explicit, "binary content");
    }
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String head = text.stripLeading();
    if (head.startsWith("{") || head.startsWith("[")) {
      return readJson(source, text, explicit);
    }
    List<String> lines = text.lines().toList();
    if (lines.stream().anyMatch(l -> l.startsWith("apiVersion:") || l.startsWith("kind:"))) {
      return readYaml(source, text, explicit);
    }
    return readText(source, lines, explicit);
  }

  private boolean readJson(String source, String text, boolean explicit) {
    JsonNode doc;
    try {
      doc = json.readTree(text);
    } catch (JsonProcessingException e) {
      estate.problem(new InputProblem(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          "malformed JSON: " + e.getOriginalMessage(), true));
      return true;
    }
    if (doc != null && doc.isObject() && doc.has("status_code") && doc.has("data")) {
      doc = doc.get("data");
    }
    if (doc == null) {
      return unrecognised(source, explicit, "empty JSON");
    }
    return dispatch(source, doc, explicit);
  }

  private boolean dispatch(String source, JsonNode doc, boolean explicit) {
    String aws = AwsExports.kindOf(doc);
    if (aws != null) {
      AwsExports.read(aws, doc, source, estate);
      estate.input(source + " (aws " + aws + ")");
    } else if (TerraformPlan.isPlan(doc)) {
      TerraformPlan.read(doc, source, estate);
      estate.input(source + " (terraform plan)");
    } else if (KubernetesObjects.isKubernetes(doc)) {
      KubernetesObjects.read(doc, source, estate);
      estate.input(source + " (kubernetes " + Nodes.text(doc, "kind") + ")");
    } else if (isDaemonJson(doc)) {
      estate.add(dockerDaemon(doc, source, source, false));
      estate.input(source + " (docker daemon.json)");
    } else {
      return unrecognised(source, explicit, "JSON of no known kind");
    }
    return true;
  }

  private boolean readYaml(String source, String text, boolean explicit) {
    int docs = 0;
    try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && KubernetesObjects.isKubernetes(doc)) {
          KubernetesObjects.read(doc, source, estate);
          docs++;
        }
      }
    } catch (IOException | RuntimeException e) {
      estate.problem(new InputProblem(source, 0, "malformed YAML: " + firstLine(e.getMessage()), true));
      return true;
    }
    if (docs == 0) {
      return unrecognised(source, explicit, "YAML without Kubernetes objects");
    }
    estate.input(source + " (kubernetes manifests: " + docs + " documents)");
    return true;
  }

  private boolean readText(String source, List<String> lines, boolean explicit) {
    String kind = TextConfigs.detect(lines);
    if (kind == null) {
      return unrecognised(source, explicit, "not a recognised inventory, manifest or configuration");
    }
    List<String> notes = new ArrayList<>();
    switch (kind) {
      case "sshd" -> estate.add(TextConfigs.sshd(source, source, lines, null, false, notes));
      case "redis" -> estate.add(TextConfigs.redis(source, source, lines, false));
      case "dpkg" -> TextConfigs.dpkg(source, source, lines, Reachability.ALL_INTERFACES, estate);
      case "rpm" -> TextConfigs.rpm(source, source, lines, Reachability.ALL_INTERFACES, estate);
      default -> throw new IllegalStateException(kind);
    }
    notes.forEach(estate::blindSpot);
    estate.input(source + " (" + kind + ")");
    return true;
  }

  /** Whether a JSON object looks like Docker's {@code daemon.json}. */
  static boolean isDaemonJson(JsonNode doc) {
    if (!doc.isObject() || doc.size() == 0) {
      return false;
    }
    List<String> keys = new ArrayList<>();
    doc.fieldNames().forEachRemaining(keys::add);
    return keys.stream().anyMatch(DAEMON_KEYS::contains);
  }

  /** Docker daemon settings from a {@code daemon.json} tree. */
  public static DockerDaemon dockerDaemon(JsonNode doc, String assetId, String source, boolean local) {
    return new DockerDaemon(assetId, Nodes.texts(doc, "hosts"), Boolean.TRUE.equals(Nodes.bool(doc, "tls")),
        Boolean.TRUE.equals(Nodes.bool(doc, "tlsverify")), source, local);
  }

  private boolean unrecognised(String source, boolean explicit, String why) {
    if (explicit) {
      estate.problem(new InputProblem(source, 0, "no posture input: " + why, true));
      return true;
    }
    return false;
  }

  private static boolean looksBinary(byte[] b) {
    for (int i = 0; i < Math.min(b.length, 8192); i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
