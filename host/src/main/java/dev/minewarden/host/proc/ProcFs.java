package dev.minewarden.host.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The thin I/O layer under every reader: maps host paths ({@code /proc/1/stat}, {@code
 * /etc/passwd}) into a configurable root directory, reads bounded byte counts, and counts what it
 * was refused, so that a scan can say what it could not see.
 *
 * <p>Reads never throw: a missing file gives {@code null}, a refused one also gives {@code null}
 * and is counted under its kind (see {@link #denied()}). Thread-safe.
 */
public final class ProcFs {
  private final Path root;
  private final Map<String, LongAdder> denied = new ConcurrentHashMap<>();

  /**
   * Creates a reader rooted at {@code root}: {@code /} for this host, a fixture directory in tests.
   */
  public ProcFs(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The root directory that host paths are resolved against. */
  public Path root() {
    return root;
  }

  /** Maps an absolute host path ({@code /proc/1/stat}) into the root. */
  public Path path(String hostPath) {
    String rel = hostPath.startsWith("/") ? hostPath.substring(1) : hostPath;
    return rel.isEmpty() ? root : root.resolve(rel);
  }

  /** Maps a path under this root back to its host form ({@code /proc/1/stat}). */
  public String hostPath(Path p) {
    Path rel = root.relativize(p.toAbsolutePath().normalize());
    return "/" + rel.toString();
  }

  /** The {@code /proc/<pid>/<name>} path. */
  public Path pid(int pid, String name) {
    return path("/proc/" + pid + "/" + name);
  }

  /**
   * Reads at most {@code max} bytes of a file.
   *
   * @param kind what is read, for the refusal count ({@code cmdline}, {@code authorized_keys}...)
   * @return the bytes read (possibly fewer than the file holds), or {@code null} when the file is
   *     missing or unreadable
   */
  public byte[] readBytes(Path p, int max, String kind) {
    try (InputStream in = Files.newInputStream(p)) {
      return in.readNBytes(max);
    } catch (AccessDeniedException e) {
      deny(kind);
      return null;
    } catch (IOException | RuntimeException e) {
      if (isPermission(e)) {
        deny(kind);
      }
      return null;
    }
  }

  /**
   * Reads at most {@code buf.length} bytes of a file into {@code buf}, allocating nothing per call
   * beyond the open file: for the files read for every process every sample.
   *
   * @return the number of bytes read, or -1 when the file is missing or unreadable
   */
  public int readInto(Path p, byte[] buf, String kind) {
    try (java.io.FileInputStream in = new java.io.FileInputStream(p.toFile())) {
      int total = 0;
      for (int n; total < buf.length && (n = in.read(buf, total, buf.length - total)) > 0; ) {
        total += n;
      }
      return total;
    } catch (IOException | RuntimeException e) {
      if (isPermission(e)) {
        deny(kind);
      }
      return -1;
    }
  }

  /** Reads a text file of at most {@code max} bytes as UTF-8, or {@code null} (see readBytes). */
  public String readText(Path p, int max, String kind) {
    byte[] b = readBytes(p, max, kind);
    return b == null ? null : Text.utf8(b, b.length);
  }

  /** Reads a symbolic link's target, or {@code null} when it is missing or unreadable. */
  public String readLink(Path p, String kind) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (AccessDeniedException e) {
      deny(kind);
      return null;
    } catch (IOException | RuntimeException e) {
      if (isPermission(e)) {
        deny(kind);
      }
      return null;
    }
  }

  /**
   * Reads a symbolic link's target without counting a refusal; {@code denied[0]} is set when the
   * read was refused, so a caller reading many links of one process counts the process once.
   */
  public String readLinkQuiet(Path p, boolean[] denied) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (AccessDeniedException e) {
      denied[0] = true;
      return null;
    } catch (IOException | RuntimeException e) {
      denied[0] |= isPermission(e);
      return null;
    }
  }

  /**
   * Whether the path exists as a directory: a probe that does not depend on any listing. Uses
   * {@link java.io.File}, whose failed stat costs no exception, since probes mostly miss.
   */
  public boolean isDirectory(Path p) {
    return p.toFile().isDirectory();
  }

  /** The numeric entries of a directory ({@code /proc}, {@code /proc/<pid>/task}), sorted. */
  public TreeSet<Integer> listNumeric(Path dir, String kind) {
    TreeSet<Integer> out = new TreeSet<>();
    for (String name : listNames(dir, kind)) {
      if (ParseUtil.isDigits(name)) {
        int n = ParseUtil.parseInt(name, -1);
        if (n > 0) {
          out.add(n);
        }
      }
    }
    return out;
  }

  /** The names in a directory, or an empty list when it is missing or unreadable. */
  public List<String> listNames(Path dir, String kind) {
    // File.list makes no Path per entry (this lists /proc every sample); it cannot say why it
    // failed, so a failure is retried below to count a refusal.
    String[] fast = dir.toFile().list();
    if (fast != null) {
      return java.util.Arrays.asList(fast);
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    } catch (AccessDeniedException e) {
      deny(kind);
    } catch (NoSuchFileException e) {
      // Gone between listing and reading: a process that exited.
    } catch (IOException | RuntimeException e) {
      if (isPermission(e)) {
        deny(kind);
      }
    }
    return names;
  }

  /** Counts one refused read of the given kind. */
  public void deny(String kind) {
    denied.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** Refused reads by kind since the last {@link #resetDenied()}, sorted by kind. */
  public Map<String, Long> denied() {
    Map<String, Long> out = new TreeMap<>();
    denied.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Clears the refusal counts (the sensor does this at the start of every sample). */
  public void resetDenied() {
    denied.clear();
  }

  private static boolean isPermission(Exception e) {
    String m = e.getMessage();
    return m != null && (m.contains("Permission denied") || m.contains("Operation not permitted"));
  }
}
