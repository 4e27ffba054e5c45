package dev.minewarden.ingest.auditd;

import java.util.HashMap;
import java.util.Map;

/**
 * Names of the system calls detection rules care about, by audit arch and number, for raw logs
 * that lack the enriched {@code SYSCALL=} name. Covers x86-64 ({@code c000003e}) and arm64
 * ({@code c00000b7}); other arches get no name. Immutable.
 */
final class Syscalls {
  private static final Map<Integer, String> X86_64 = new HashMap<>();
  private static final Map<Integer, String> ARM64 = new HashMap<>();

  static {
    put(X86_64, "read 0 write 1 open 2 close 3 socket 41 connect 42 accept 43 sendto 44 recvfrom 45"
        + " bind 49 listen 50 clone 56 fork 57 vfork 58 execve 59 kill 62 uname 63 truncate 76"
        + " ftruncate 77 rename 82 mkdir 83 rmdir 84 creat 85 link 86 unlink 87 symlink 88 chmod 90"
        + " fchmod 91 chown 92 fchown 93 lchown 94 sysinfo 99 ptrace 101 syslog 103 setuid 105"
        + " setgid 106 setreuid 113 setresuid 117 mknod 133 uselib 134 personality 135"
        + " pivot_root 155 prctl 157 chroot 161 mount 165 umount2 166 reboot 169 sethostname 170"
        + " init_module 175 delete_module 176 kexec_load 246 openat 257 mkdirat 258 mknodat 259"
        + " fchownat 260 unlinkat 263 renameat 264 linkat 265 symlinkat 266 fchmodat 268"
        + " accept4 288 process_vm_writev 311 finit_module 313 renameat2 316 memfd_create 319"
        + " bpf 321 execveat 322 openat2 437");
    put(ARM64, "mknodat 33 mkdirat 34 unlinkat 35 symlinkat 36 linkat 37 renameat 38 umount2 39"
        + " mount 40 pivot_root 41 truncate 45 ftruncate 46 chroot 51 fchmod 52 fchmodat 53"
        + " fchownat 54 fchown 55 openat 56 close 57 read 63 write 64 personality 92"
        + " kexec_load 104 init_module 105 delete_module 106 syslog 116 ptrace 117 kill 129"
        + " reboot 142 setgid 144 setreuid 145 setuid 146 setresuid 147 sethostname 161 prctl 167"
        + " sysinfo 179 socket 198 bind 200 listen 201 accept 202 connect 203 sendto 206"
        + " recvfrom 207 clone 220 execve 221 accept4 242 process_vm_writev 271 finit_module 273"
        + " renameat2 276 memfd_create 279 bpf 280 execveat 281 openat2 437");
  }

  private Syscalls() {}

  private static void put(Map<Integer, String> table, String pairs) {
    String[] t = pairs.split(" ");
    for (int i = 0; i + 1 < t.length; i += 2) {
      table.put(Integer.parseInt(t[i + 1]), t[i]);
    }
  }

  /** The name of syscall {@code number} on {@code arch} (hex as audit writes it), or null. */
  static String name(String arch, String number) {
    if (arch == null || number == null || number.isEmpty() || number.length() > 4) {
      return null;
    }
    for (int i = 0; i < number.length(); i++) {
      if (!Character.isDigit(number.charAt(i))) {
        return null;
      }
    }
    Map<Integer, String> table = "c000003e".equalsIgnoreCase(arch) ? X86_64
        : "c00000b7".equalsIgnoreCase(arch) ? ARM64 : null;
    return table == null ? null : table.get(Integer.parseInt(number));
  }
}
