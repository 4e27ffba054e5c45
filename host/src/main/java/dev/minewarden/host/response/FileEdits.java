package dev.minewarden.host.response;

import dev.minewarden.host.proc.Lsattr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The file operations every repair shares: clearing {@code chattr} locks ({@code +i}, {@code +a})
 * that droppers set so that even root cannot edit, backing a file up before it changes, and
 * writing new content atomically with the old owner and permissions. Thread-safe.
 */
final class FileEdits {
  private final CommandRunner local;

  FileEdits(CommandRunner local) {
    this.local = local;
  }

  /**
   * Clears the immutable and append-only attributes of the file and of its folder when set.
   *
   * @return the paths that were unlocked (empty when none was locked or lsattr is missing)
   */
  List<String> unlock(Path file) {
    List<String> unlocked = new ArrayList<>();
    List<Path> check = new ArrayList<>();
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(file)) {
      check.add(file);
    }
    if (file.getParent() != null) {
      check.add(file.getParent());
    }
    if (check.isEmpty() || !CommandRunner.onPath("lsattr")) {
      return unlocked;
    }
    Map<String, String> flags = Lsattr.read(check);
    for (Path p : check) {
      if (Lsattr.isLocked(flags.get(p.toString()))
          && local.run(List.of("chattr", "-i", "-a", "--", p.toString())).ok()) {
        unlocked.add(p.toString());
      }
    }
    return unlocked;
  }

  /** Copies a file (not following links) into the backup folder; returns the copy's path. */
  static Path backup(Path file, Path backupDir) throws IOException {
    Files.createDirectories(backupDir);
    Path copy = backupDir.resolve(UUID.randomUUID() + "-" + file.getFileName());
    Files.copy(file, copy, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
    return copy;
  }

  /**
   * Replaces a file's content atomically (a temporary file in the same folder, then a rename),
   * keeping the owner, group and permissions of the file it replaces, or {@code mode} when the
   * file is new.
   */
  static void write(Path file, byte[] content, String mode) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(".mw-" + UUID.randomUUID() + ".tmp");
    try {
      Files.write(tmp, content);
      copyOwnership(file, tmp, mode);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void copyOwnership(Path from, Path to, String mode) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    if (Files.exists(from, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(from)) {
      PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      view.setPermissions(a.permissions());
      setOwner(view, a.owner(), a.group());
    } else if (mode != null) {
      view.setPermissions(PosixFilePermissions.fromString(mode));
    }
  }

  private static void setOwner(PosixFileAttributeView view, UserPrincipal owner, GroupPrincipal group) {
    try {
      view.setOwner(owner);
      view.setGroup(group);
    } catch (IOException e) {
      // Unprivileged: the file keeps our owner, which is the one it had when we could write it.
    }
  }
}
