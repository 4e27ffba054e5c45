package dev.minewarden.posture.check;

import java.util.Arrays;

/**
 * Builds the shell commands that remediations print from words taken from input. Commands are
 * only ever printed, but people paste them, so an identifier must not be able to run anything
 * (quoting) nor turn into an option of the command (a leading {@code -}).
 */
final class Shell {
  private Shell() {}

  /**
   * The word itself when it is made only of safe characters, else single-quoted with embedded
   * quotes escaped, so a pasted command never runs anything hidden in an identifier. Quoting does
   * not stop a word that starts with {@code -} from being read as an option: pass such words as
   * {@code --option=value}, or guard positional operands with {@link #unlessOption}.
   */
  static String quote(String word) {
    if (!word.isEmpty() && word.chars().allMatch(Shell::safe)) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * The command, or {@code ""} when any of the input words it uses as positional operands is empty
   * or starts with {@code -}. No AWS id, Kubernetes name or package name starts with a dash, so
   * such a word is hostile input that would become an option (for example {@code -oDpkg::...} for
   * apt-get); the finding then carries no command rather than a dangerous one.
   */
  static String unlessOption(String command, String... operands) {
    return Arrays.stream(operands).anyMatch(w -> w.isEmpty() || w.startsWith("-")) ? "" : command;
  }

  private static boolean safe(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == '=' || c == '@' || c == ',';
  }
}
