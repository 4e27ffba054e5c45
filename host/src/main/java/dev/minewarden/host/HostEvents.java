package dev.minewarden.host;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.host.proc.NetSocket;
import dev.minewarden.host.proc.Text;
import java.time.Instant;

/**
 * Turns what the sensor sees into {@link Event}s with the field names of {@code docs/events.md}:
 * {@code process_creation} events for processes, {@code network_connection} events for
 * connections. Stateless and thread-safe.
 */
public final class HostEvents {
  /** The logsource of process events. */
  public static final LogSource PROCESS = LogSource.exact("linux", "process_creation", null);
  /** The logsource of connection events. */
  public static final LogSource NETWORK = LogSource.exact("linux", "network_connection", null);
  /** The logsource of file findings. */
  public static final LogSource FILE = LogSource.exact("linux", "file_event", null);
  /** The logsource of host-wide findings (CPU, kernel settings, mounts). */
  public static final LogSource HOST = LogSource.exact("linux", null, "host_sensor");
  /** The source path events carry. */
  public static final String SOURCE = "/proc";

  private final String host;

  /** Creates events for the host of this name (nullable). */
  public HostEvents(String host) {
    this.host = host;
  }

  /** The host name events carry, or {@code null}. */
  public String host() {
    return host;
  }

  /**
   * A process_creation event for a process seen at {@code timeMillis}; {@code parent} may be null.
   */
  public Event process(ProcessInfo p, ProcessInfo parent, long timeMillis) {
    Event.Builder b = Event.builder(PROCESS).time(timeMillis).host(host).source(SOURCE, 0)
        .field("Image", p.image())
        .field("CommandLine", p.commandLine())
        .fieldIfPresent("ParentImage", parent == null ? null : parent.image())
        .fieldIfPresent("ParentCommandLine", parent == null ? null : parent.commandLine())
        .field("ProcessId", (long) p.pid())
        .field("ParentProcessId", (long) p.ppid())
        .fieldIfPresent("User", p.user())
        .fieldIfPresent("CurrentDirectory", p.cwd())
        .fieldIfPresent("OriginalFileName", Text.basename(p.exe()))
        .field("comm", p.comm())
        .field("ExeDeleted", p.exeDeleted())
        .fieldIfPresent("ContainerId", p.containerId());
    if (p.startTimeMillis() > 0) {
      b.field("StartTime", Instant.ofEpochMilli(p.startTimeMillis()).toString());
    }
    return b.build();
  }

  /** A network_connection event for a connected socket; {@code owner} may be null. */
  public Event connection(NetSocket s, ProcessInfo owner, long timeMillis) {
    return Event.builder(NETWORK).time(timeMillis).host(host).source(SOURCE, 0)
        .field("SourceIp", s.localIp())
        .field("SourcePort", (long) s.localPort())
        .field("DestinationIp", s.remoteIp())
        .field("DestinationPort", (long) s.remotePort())
        .field("Protocol", s.protocol())
        .fieldIfPresent("Image", owner == null ? null : owner.image())
        .fieldIfPresent("ProcessId", owner == null ? null : (long) owner.pid())
        .fieldIfPresent("User", owner == null ? null : owner.user())
        .build();
  }

  /** An event naming a file, for findings about persistence and tampering. */
  public Event file(String path, long timeMillis) {
    return Event.builder(FILE).time(timeMillis).host(host).source(path, 0)
        .field("TargetFilename", path).build();
  }

  /** An event for a host-wide finding. */
  public Event hostWide(long timeMillis) {
    return Event.builder(HOST).time(timeMillis).host(host).source(SOURCE, 0).build();
  }
}
