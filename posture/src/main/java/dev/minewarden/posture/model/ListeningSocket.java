package dev.minewarden.posture.model;

import dev.minewarden.posture.Reachability;

/**
 * A listening TCP socket on the local host, with its owner when it could be seen.
 *
 * @param protocol {@code tcp} or {@code tcp6}
 * @param address the bound address ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}...)
 * @param port the port
 * @param inode the socket inode
 * @param uid the owning user id from {@code /proc/net/tcp}
 * @param pid the owning process, or -1 when it could not be seen
 * @param process the process name ({@code comm}), or {@code ""}
 * @param executable the resolved {@code /proc/<pid>/exe}, or {@code ""}
 * @param commandLine the command line, words joined with spaces, or {@code ""}
 */
public record ListeningSocket(
    String protocol,
    String address,
    int port,
    long inode,
    int uid,
    long pid,
    String process,
    String executable,
    String commandLine) {

  /** True when bound to a loopback address only. */
  public boolean loopback() {
    return address.startsWith("127.") || address.equals("::1");
  }

  /** True when bound to every interface ({@code 0.0.0.0} or {@code ::}). */
  public boolean wildcard() {
    return address.equals("0.0.0.0") || address.equals("::");
  }

  /**
   * How reachable the socket is from its bind address alone: loopback, every interface, a public
   * address, or a private one.
   */
  public Reachability reachability() {
    if (loopback()) {
      return Reachability.LOCAL_ONLY;
    }
    if (wildcard()) {
      return Reachability.ALL_INTERFACES;
    }
    return Addresses.isPublic(address) ? Reachability.PUBLIC_ADDRESS : Reachability.NO_PUBLIC_ADDRESS;
  }

  /** A copy with the owner filled in. */
  public ListeningSocket withOwner(long ownerPid, String name, String exe, String cmd) {
    return new ListeningSocket(protocol, address, port, inode, uid, ownerPid, name, exe, cmd);
  }
}
