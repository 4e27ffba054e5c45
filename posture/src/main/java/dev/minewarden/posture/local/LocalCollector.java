package dev.minewarden.posture.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.minewarden.posture.InputProblem;
import dev.minewarden.posture.Reachability;
import dev.minewarden.posture.input.DaemonFlags;
import dev.minewarden.posture.input.InputReader;
import dev.minewarden.posture.input.KubernetesObjects;
import dev.minewarden.posture.input.TextConfigs;
import dev.minewarden.posture.model.DockerDaemon;
import dev.minewarden.posture.model.Estate;
import dev.minewarden.posture.model.ExposureOrigin;
import dev.minewarden.posture.model.ListeningSocket;
import dev.minewarden.posture.model.OpenPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Collects the local host's posture: listening TCP sockets with their processes, effective sshd
 * settings, Docker, Redis, kubelet and etcd settings, and installed package versions. Every path
 * is resolved under a root directory ({@code /} on a real host, a fixture tree in tests). It
 * never needs root: what an unprivileged user cannot read is recorded as a blind spot. The only
 * program it runs is {@code rpm -qa} with fixed arguments, and only when the root is {@code /}.
 * Not thread-safe.
 */
public final class LocalCollector {
  private static final long MAX_FILE = 64L * 1024 * 1024;
  private static final int MAX_CMDLINE = 8192;

  private final Path root;
  private final boolean realRoot;
  private Estate estate;
  private String hostId = "host";
  private final Map<String, List<String>> daemonArgv = new HashMap<>();

  /** A collector reading the host under {@code root}. */
  public LocalCollector(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = this.root.getParent() == null;
  }

  /** Adds everything seen on the host to the estate; returns the host's asset id. */
  public String collect(Estate target) {
    this.estate = target;
    hostId = "host:" + hostName();
    List<ListeningSocket> sockets = sockets();
    sockets = owners(sockets);
    Reachability hostReach = Reachability.LOCAL_ONLY;
    for (ListeningSocket s : sockets) {
      estate.add(s);
      if (!s.loopback()) {
        Reachability r = s.reachability();
        hostReach = hostReach.max(r);
        String who = s.process().isEmpty() ? "unknown-process" : s.process();
        estate.add(new OpenPort(hostId, "host", s.port(), s.port(), s.address(), r, List.of(),
            ExposureOrigin.HOST_LISTENER, who + " listening on " + s.address() + ":" + s.port()
                + (s.pid() > 0 ? " (pid " + s.pid() + ")" : ""), rootPath("proc/net/" + s.protocol()).toString()));
      }
    }
    sshd(sockets);
    docker();
    redis();
    kubelet();
    etcd();
    packages(hostReach);
    estate.input("local host " + hostId + " (root " + root + ")");
    return hostId;
  }

  // ---- sockets ----

  private List<ListeningSocket> sockets() {
    List<ListeningSocket> out = new ArrayList<>();
    for (String proto : List.of("tcp", "tcp6")) {
      Optional<List<String>> lines = lines(rootPath("proc/net/" + proto), false);
      lines.ifPresent(l -> out.addAll(ProcNetTcp.parse(l, proto.equals("tcp6"))));
    }
    return out;
  }

  private List<ListeningSocket> owners(List<ListeningSocket> sockets) {
    Map<Long, Integer> byInode = new HashMap<>();
    for (int i = 0; i < sockets.size(); i++) {
      byInode.put(sockets.get(i).inode(), i);
    }
    List<ListeningSocket> out = new ArrayList<>(sockets);
    int denied = 0;
    int processes = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(rootPath("proc"))) {
      for (Path p : procs) {
        String name = p.getFileName().toString();
        if (!isPid(name)) {
          continue;
        }
        processes++;
        long pid = Long.parseLong(name);
        String comm = firstLine(p.resolve("comm"));
        if (List.of("dockerd", "kubelet", "etcd").contains(comm)) {
          daemonArgv.put(comm, cmdline(p));
        }
        if (!scanFds(p, pid, comm, byInode, out)) {
          denied++;
        }
      }
    } catch (IOException e) {
      estate.blindSpot("cannot list " + rootPath("proc") + ": " + e.getMessage() + "; socket owners unknown");
      return out;
    }
    long unknown = out.stream().filter(s -> s.pid() < 0).count();
    if (unknown > 0 && denied > 0) {
      estate.blindSpot("owners of " + unknown + " of " + out.size() + " listening sockets are unknown: the open"
          + " files of " + denied + " of " + processes + " processes are not readable by this user (run as root"
          + " to see them)");
    } else if (unknown > 0) {
      estate.blindSpot("owners of " + unknown + " of " + out.size() + " listening sockets were not found among the"
          + " visible processes (they belong to another PID namespace or have exited)");
    }
    return out;
  }

  private boolean scanFds(Path proc, long pid, String comm, Map<Long, Integer> byInode, List<ListeningSocket> out) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException e) {
          continue;
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
          Integer idx = byInode.get(parseInode(target.substring(8, target.length() - 1)));
          if (idx != null && out.get(idx).pid() < 0) {
            out.set(idx, out.get(idx).withOwner(pid, comm, exe(proc), String.join(" ", cmdline(proc))));
          }
        }
      }
      return true;
    } catch (AccessDeniedException e) {
      return false;
    } catch (IOException e) {
      // The process exited while we looked: nothing to attribute.
      return true;
    }
  }

  private static long parseInode(String s) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -2;
    }
    return Long.parseLong(s);
  }

  private static String exe(Path proc) {
    try {
      return Files.readSymbolicLink(proc.resolve("exe")).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  private static List<String> cmdline(Path proc) {
    try {
      byte[] b = Files.readAllBytes(proc.resolve("cmdline"));
      String s = new String(b, 0, Math.min(b.length, MAX_CMDLINE), StandardCharsets.UTF_8);
      List<String> argv = new ArrayList<>();
      for (String a : s.split("\0")) {
        if (!a.isEmpty()) {
          argv.add(a);
        }
      }
      return argv;
    } catch (IOException e) {
      return List.of();
    }
  }

  // ---- daemons ----

  private void sshd(List<ListeningSocket> sockets) {
    Path conf = rootPath("etc/ssh/sshd_config");
    Optional<List<String>> lines = lines(conf, true);
    if (lines.isEmpty()) {
      if (sockets.stream().anyMatch(s -> s.process().equals("sshd"))) {
        estate.blindSpot("sshd is listening but " + conf + " could not be read");
      }
      return;
    }
    List<String> notes = new ArrayList<>();
    estate.add(TextConfigs.sshd(hostId, conf.toString(), lines.get(), this::includeSsh, true, notes));
    notes.forEach(estate::blindSpot);
  }

  private List<Map.Entry<String, List<String>>> includeSsh(String pattern) {
    // sshd resolves relative includes against /etc/ssh; only '*' in the last component is expanded.
    String rel = pattern.startsWith("/") ? pattern.substring(1) : "etc/ssh/" + pattern;
    Path p = rootPath(rel);
    List<Map.Entry<String, List<String>>> out = new ArrayList<>();
    String last = p.getFileName() == null ? "" : p.getFileName().toString();
    if (!last.contains("*")) {
      lines(p, true).ifPresent(l -> out.add(new AbstractMap.SimpleEntry<>(p.toString(), l)));
      return out;
    }
    String prefix = last.substring(0, last.indexOf('*'));
    String suffix = last.substring(last.lastIndexOf('*') + 1);
    List<Path> matches = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(p.getParent())) {
      for (Path f : dir) {
        String n = f.getFileName().toString();
        if (n.startsWith(prefix) && n.endsWith(suffix) && n.length() >= prefix.length() + suffix.length()) {
          matches.add(f);
        }
      }
    } catch (IOException e) {
      return out;
    }
    matches.sort(null);
    for (Path f : matches) {
      lines(f, true).ifPresent(l -> out.add(new AbstractMap.SimpleEntry<>(f.toString(), l)));
    }
    return out;
  }

  private void docker() {
    Path conf = rootPath("etc/docker/daemon.json");
    List<String> hosts = new ArrayList<>();
    boolean tls = false;
    boolean verify = false;
    String source = conf.toString();
    boolean seen = false;
    Optional<String> text = text(conf, true);
    if (text.isPresent()) {
      try {
        JsonNode doc = new ObjectMapper().readTree(text.get());
        if (doc != null && doc.isObject()) {
          DockerDaemon d = InputReader.dockerDaemon(doc, hostId, source, true);
          hosts.addAll(d.hosts());
          tls = d.tls();
          verify = d.tlsVerify();
          seen = true;
        }
      } catch (IOException e) {
        estate.problem(new InputProblem(source, 0, "malformed JSON: " + e.getMessage(), false));
      }
    }
    List<String> argv = daemonArgv.get("dockerd");
    if (argv != null) {
      Map<String, String> flags = DaemonFlags.parse(argv);
      for (int i = 0; i < argv.size(); i++) {
        if ((argv.get(i).equals("-H") || argv.get(i).equals("--host")) && i + 1 < argv.size()) {
          hosts.add(argv.get(i + 1));
        } else if (argv.get(i).startsWith("-H=") || argv.get(i).startsWith("--host=")) {
          hosts.add(argv.get(i).substring(argv.get(i).indexOf('=') + 1));
        }
      }
      verify |= flags.getOrDefault("tlsverify", "false").equals("true");
      tls |= flags.getOrDefault("tls", "false").equals("true");
      source = seen ? source + " and dockerd command line" : "dockerd command line";
      seen = true;
    }
    if (seen) {
      estate.add(new DockerDaemon(hostId, hosts, tls, verify, source, true));
    }
  }

  private void redis() {
    for (String rel : List.of("etc/redis/redis.conf", "etc/redis.conf")) {
      Path conf = rootPath(rel);
      Optional<List<String>> lines = lines(conf, true);
      if (lines.isPresent()) {
        estate.add(TextConfigs.redis(hostId, conf.toString(), lines.get(), true));
        return;
      }
    }
  }

  private void kubelet() {
    List<String> argv = daemonArgv.get("kubelet");
    List<String> files = new ArrayList<>(List.of("var/lib/kubelet/config.yaml",
        "etc/kubernetes/kubelet/kubelet-config.json", "etc/kubernetes/kubelet-config.yaml"));
    if (argv != null) {
      String config = DaemonFlags.parse(argv).get("config");
      if (config != null) {
        files.add(0, config.startsWith("/") ? config.substring(1) : config);
      }
      DaemonFlags.kubelet(argv, hostId, "kubelet command line").ifPresent(k -> {
        if (k.anonymousEnabled() != null || k.readOnlyPort() != null || k.authorizationMode() != null
            || k.fromFlags()) {
          estate.add(k);
        }
      });
    }
    for (String rel : files) {
      Path p = rootPath(rel);
      Optional<String> text = text(p, true);
      if (text.isPresent()) {
        try {
          JsonNode doc = new YAMLMapper().readTree(text.get());
          if (doc != null && doc.isObject()) {
            estate.add(KubernetesObjects.kubeletConfig(doc, hostId, p.toString()));
          }
        } catch (IOException e) {
          estate.problem(new InputProblem(p.toString(), 0, "malformed kubelet config: " + e.getMessage(), false));
        }
        return;
      }
    }
  }

  private void etcd() {
    List<String> argv = daemonArgv.get("etcd");
    if (argv != null) {
      DaemonFlags.etcd(argv, hostId, "etcd command line").ifPresent(estate::add);
    }
  }

  private void packages(Reachability reach) {
    Path status = rootPath("var/lib/dpkg/status");
    Optional<List<String>> lines = lines(status, true);
    lines.ifPresent(l -> TextConfigs.dpkg(hostId, status.toString(), l, reach, estate));
    if (Files.isDirectory(rootPath("var/lib/rpm")) || Files.isDirectory(rootPath("usr/lib/sysimage/rpm"))) {
      rpm(reach);
    } else if (lines.isEmpty()) {
      estate.blindSpot("no package database found (" + status + " or the rpm database): versions not checked");
    }
  }

  private void rpm(Reachability reach) {
    if (!realRoot) {
      estate.blindSpot("the rpm database under " + root + " can only be read through rpm on the running host");
      return;
    }
    try {
      // Fixed arguments only: nothing from input reaches this command line.
      Process p = new ProcessBuilder("rpm", "-qa", "--qf", "%{NAME}\t%{EPOCH}:%{VERSION}-%{RELEASE}\n")
          .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readNBytes((int) MAX_FILE);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
      TextConfigs.rpm(hostId, "rpm -qa", lines, reach, estate);
    } catch (IOException e) {
      estate.blindSpot("an rpm database exists but rpm could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- files ----

  private String hostName() {
    for (String rel : List.of("proc/sys/kernel/hostname", "etc/hostname")) {
      String h = firstLine(rootPath(rel));
      if (!h.isEmpty()) {
        return h;
      }
    }
    return "localhost";
  }

  private Path rootPath(String rel) {
    return root.resolve(rel);
  }

  private Optional<List<String>> lines(Path p, boolean noteDenied) {
    return text(p, noteDenied).map(t -> t.lines().toList());
  }

  private Optional<String> text(Path p, boolean noteDenied) {
    try {
      if (Files.size(p) > MAX_FILE) {
        estate.blindSpot(p + " is larger than " + MAX_FILE + " bytes and was not read");
        return Optional.empty();
      }
      return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (AccessDeniedException e) {
      if (noteDenied) {
        estate.blindSpot("cannot read " + p + " (permission denied; run as root to check it)");
      }
      return Optional.empty();
    } catch (IOException | java.io.UncheckedIOException e) {
      estate.blindSpot("cannot read " + p + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static String firstLine(Path p) {
    try {
      byte[] b = Files.readAllBytes(p);
      String s = new String(b, 0, Math.min(b.length, 256), StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      return (nl < 0 ? s : s.substring(0, nl)).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static boolean isPid(String name) {
    if (name.isEmpty() || name.length() > 9) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
