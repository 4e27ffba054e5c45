package dev.minewarden.host.response;

import dev.minewarden.core.alert.Alert;
import dev.minewarden.host.proc.ProcFs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The response to alerts: plans under a {@link ResponsePolicy} and, when the policy or {@code
 * --apply} says so, acts (freeze the tree, remove persistence, quarantine, kill, block, ban, say
 * what to rotate), recording every action in the hash-chained {@link AuditLog}. Without {@code
 * apply} it is a dry run that only plans.
 *
 * <pre>{@code
 * Responder r = Responder.builder().root(Path.of("/")).dir(Path.of("/var/lib/minewarden"))
 *     .policy(ResponsePolicy.defaults().withApply(true)).build();
 * Responder.Response resp = r.respond(sample.alerts());
 * }</pre>
 *
 * <p>Every host path goes through the root; processes are signalled only when the root's {@code
 * /proc} is this machine's live one, and the firewall only when the root is {@code /} or the policy
 * names a network namespace. Not thread-safe: one thread responds.
 */
public final class Responder {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Host host;
  private final ResponsePolicy policy;
  private final LongSupplier clock;
  private final ContentBaseline baseline;
  private final Bans bans;
  private final AuditLog audit;

  private Responder(Builder b) {
    ProcFs fs = new ProcFs(b.root);
    boolean hostRoot = fs.root().equals(Path.of("/"));
    this.policy = b.policy;
    Path dir = b.dir != null ? b.dir : fs.path("/var/lib/minewarden");
    CommandRunner firewall = policy.netns() != null ? CommandRunner.inNetns(policy.netns()) : CommandRunner.direct();
    this.host = new Host(fs, Host.isLiveProc(fs), hostRoot, CommandRunner.direct(), firewall,
        hostRoot || policy.netns() != null, dir,
        or(policy.quarantineDir(), dir.resolve("quarantine")), or(policy.backupDir(), dir.resolve("backups")),
        or(policy.auditLog(), dir.resolve("audit.log")), or(policy.egress().rpzFile(), dir.resolve("pool-block.rpz")));
    this.clock = b.clock;
    this.audit = new AuditLog(host.audit());
    this.bans = Bans.load(dir);
    ContentBaseline loaded = ContentBaseline.load(dir);
    if (loaded == null) {
      loaded = ContentBaseline.capture(fs, clock.getAsLong());
      // A dry run without a folder named writes nothing at all.
      if (b.dir != null || policy.apply()) {
        try {
          loaded.save(dir);
        } catch (IOException e) {
          // A read-only response folder: the baseline lives for this run only.
        }
      }
    }
    this.baseline = loaded;
  }

  private static Path or(Path p, Path dflt) {
    return p != null ? p : dflt;
  }

  /** Starts a responder for {@code /} with the built-in policy (a dry run). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A plan and what became of it.
   *
   * @param plan the plan
   * @param results one per step, in order; outcome {@code planned} in a dry run
   * @param applied whether the plan was carried out
   */
  public record Response(Plan plan, List<ActionResult> results, boolean applied) {
    /** Copies the list. */
    public Response {
      results = List.copyOf(results);
    }
  }

  /** Whether this responder acts (otherwise it only plans). */
  public boolean applies() {
    return policy.apply();
  }

  /** The audit log. */
  public AuditLog audit() {
    return audit;
  }

  /** The response folder (baseline, quarantine, backups, audit log by default). */
  public Path dir() {
    return host.dir();
  }

  /** Plans the response to alerts against the processes running now. */
  public Plan plan(List<Alert> alerts) {
    return plan(alerts, ProcessTable.read(host.fs(), policy.needsContainers()));
  }

  /** Plans against a given view of the processes (what they were when the plan was made). */
  Plan plan(List<Alert> alerts, ProcessTable table) {
    Guard guard = new Guard(host.fs(), table, policy, ProcessHandle.current().pid());
    long now = clock.getAsLong();
    String runId = "r" + RUN_TIME.format(java.time.Instant.ofEpochMilli(now)) + "-"
        + String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    return new Planner(host.fs(), table, guard, policy, baseline, bans).plan(alerts, runId, now);
  }

  /** Plans, then acts when the policy applies; a dry run returns every step as {@code planned}. */
  public Response respond(List<Alert> alerts) {
    Plan plan = plan(alerts);
    return policy.apply() ? execute(plan) : dryRun(plan);
  }

  /** Carries out a plan now, whatever the policy's mode, recording each step in the audit log. */
  public Response execute(Plan plan) {
    try {
      return new Response(plan, new Executor(host, policy, baseline, bans, audit).execute(plan), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit log " + audit.file(), e);
    }
  }

  private static Response dryRun(Plan plan) {
    List<ActionResult> out = new ArrayList<>();
    plan.steps().forEach(s -> out.add(ActionResult.of(s, "planned", s.reason(), null)));
    return new Response(plan, out, false);
  }

  /** Settings of a {@link Responder}. Not thread-safe. */
  public static final class Builder {
    private Path root = Path.of("/");
    private Path dir;
    private ResponsePolicy policy = ResponsePolicy.defaults();
    private LongSupplier clock = System::currentTimeMillis;

    private Builder() {}

    /** The host root (default {@code /}); a test root may link {@code proc} to the live {@code /proc}. */
    public Builder root(Path root) {
      this.root = Objects.requireNonNull(root, "root");
      return this;
    }

    /** The response folder (default {@code /var/lib/minewarden} under the root). */
    public Builder dir(Path dir) {
      this.dir = dir;
      return this;
    }

    /** The policy (default: the built-in one, a dry run). */
    public Builder policy(ResponsePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The wall clock in epoch ms, for run ids and the baseline's time. */
    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the responder, taking the content baseline when the folder has none yet (saved when
     * the folder was named or the policy applies; a dry run in the default folder writes nothing).
     */
    public Responder build() {
      return new Responder(this);
    }
  }
}
