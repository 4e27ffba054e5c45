package dev.minewarden.core.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RegexPredTest {
  /** Expressions of the built-in pack and SigmaHQ, with literals long and short, anchored or not. */
  private static final List<String> EXPRESSIONS = List.of(
      "(^|[\\s/@.=:\\x27\"])(supportxmr\\.com|c3pool\\.(com|org)|moneroocean\\.stream|nanopool\\.org)"
          + "($|[\\s:/\\x27\"])",
      "\\s-[FTd]\\s",
      "^/(usr/(local/)?)?bin/(sh|bash|dash)$",
      "(sysctl\\s|>)",
      "curl.*\\|\\s*(ba)?sh",
      "xmrig(\\.exe)?\\s+--donate-level",
      // bounded widths, so the search starts near the first literal: word boundaries, repeats,
      // classes, inline flags, anchors at either end
      "\\bxmrig\\b",
      "(?i)\\bKDEVTMPFSI(\\.exe)?\\b",
      "-(W|R)\\s",
      "pool\\.[a-z]{2,4}:[0-9]{1,5}",
      "(^|/)sh$",
      "^curl -[sS]{1,2}",
      "(?:x{2,3}|\\d)mrig",
      // anchored at both ends, a few known strings: compared whole
      "^/(usr/(local/)?)?bin/(sh|bash|dash|zsh|ksh|perl)$",
      "^(/usr)?/bin/sh\\$$",
      "^/bin/sh\\$",
      "^/bin/sh$/usr/bin/sh$",
      "^(/bin/sh|/usr)\\b/bin/sh$");

  /** Pieces the values are made of: the literals, near-misses, separators, noise. */
  private static final List<String> PIECES = List.of("supportxmr.com", "SupportXMR.COM",
      "notsupportxmr.com", "c3pool.org", "c3pool.net", "nanopool.org", " ", "/", ":", "\"", "'",
      "-F", "-T ", " -d ", "/usr/bin/sh", "/bin/bash", "sysctl ", ">", "curl", "|", "sh", "xmrig",
      " --donate-level", "XMRIG.exe ", "é", "K", "\u212A", "abcdefghij", "0123456789" + "x".repeat(70),
      "kdevtmpfsi", "KDEVTMPFSI.exe", "\u212Adevtmpfsi", "-W ", "-R\t", "pool.ab:3333", "pool.abcde:1",
      "curl -sS ", "curl -s", "xxmrig", "7mrig", "_xmrig_", "\uD83D\uDE00",
      "/bin/sh$", "/usr/local/bin/perl", "/usr/bin/sh\n");

  @Test
  void answersAsAWholeSearchDoes_onRandomValues() {
    Random r = new Random(20261127);
    for (String re : EXPRESSIONS) {
      for (int flags : new int[] {0, Pattern.CASE_INSENSITIVE, Pattern.MULTILINE}) {
        Pattern p = Pattern.compile(re, flags);
        RegexPred pred = new RegexPred(p);
        for (int v = 0; v < 3_000; v++) {
          StringBuilder b = new StringBuilder();
          for (int k = r.nextInt(4) == 0 ? 1 : r.nextInt(12); k > 0; k--) {
            b.append(PIECES.get(r.nextInt(PIECES.size())));
          }
          String value = b.toString();
          assertThat(pred.test(value, null)).as("%s (flags %s) on '%s'", re, flags, value)
              .isEqualTo(p.matcher(value).find());
        }
      }
    }
  }

  @Test
  void matchWidthIsBoundedOnlyWhenEveryMatchIsShort() {
    assertThat(RegexLiterals.maxWidth("\\s-[FTd]\\s")).isEqualTo(8);
    assertThat(RegexLiterals.maxWidth("(^|/)sh$")).isEqualTo(6);
    assertThat(RegexLiterals.maxWidth("pool\\.[a-z]{2,4}")).isEqualTo(18);
    assertThat(RegexLiterals.maxWidth("(?i)(a|bcd)?e")).isEqualTo(8);
    assertThat(RegexLiterals.maxWidth("curl.*sh")).isEqualTo(-1);
    assertThat(RegexLiterals.maxWidth("a+")).isEqualTo(-1);
    assertThat(RegexLiterals.maxWidth("a{2,}")).isEqualTo(-1);
    assertThat(RegexLiterals.maxWidth("\\pL")).isEqualTo(-1);
    // Every match of each test expression is at most its bound, on the random values.
    Random r = new Random(7);
    for (String re : EXPRESSIONS) {
      int w = RegexLiterals.maxWidth(re);
      if (w < 0) {
        continue;
      }
      Pattern p = Pattern.compile(re, Pattern.CASE_INSENSITIVE);
      for (int v = 0; v < 2_000; v++) {
        StringBuilder b = new StringBuilder();
        for (int k = r.nextInt(12); k > 0; k--) {
          b.append(PIECES.get(r.nextInt(PIECES.size())));
        }
        com.google.re2j.Matcher m = p.matcher(b);
        while (m.find()) {
          assertThat(m.end() - m.start()).as("%s on '%s'", re, b).isLessThanOrEqualTo(w);
        }
      }
    }
  }

  @Test
  void anchoredExpressionsOfFewStringsAreComparedWhole() {
    assertThat(RegexLiterals.wholeValues("^/(usr/)?bin/(sh|bash)$"))
        .containsExactlyInAnyOrder("/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash");
    assertThat(RegexLiterals.wholeValues("^/bin/sh\\$")).as("an escaped dollar anchors nothing").isNull();
    assertThat(RegexLiterals.wholeValues("^(/usr)?/bin/sh\\.x$")).containsExactlyInAnyOrder("/bin/sh.x", "/usr/bin/sh.x");
    assertThat(RegexLiterals.wholeValues("^(/usr)?/bin/sh\\$$")).as("any dollar inside: not followed").isNull();
    assertThat(RegexLiterals.wholeValues("^a|b$")).isNull();
    assertThat(RegexLiterals.wholeValues("^a$b$")).as("never matches").isNull();
    assertThat(RegexLiterals.wholeValues("^a\\bb$")).isNull();
    assertThat(RegexLiterals.wholeValues("^a.c$")).isNull();
    assertThat(RegexLiterals.wholeValues("^(?i)abc$")).isNull();
    assertThat(RegexLiterals.wholeValues("/bin/sh$")).isNull();
    RegexPred sh = new RegexPred(Pattern.compile("^/(usr/)?bin/(sh|bash)$"));
    assertThat(sh.test("/usr/bin/bash", null)).isTrue();
    assertThat(sh.test("/usr/bin/bash\n", null)).as("RE2's $ is the end of the text").isFalse();
    assertThat(sh.test(" /bin/sh", null)).isFalse();
    assertThat(sh.test("/BIN/SH", null)).isFalse();
    RegexPred lines = new RegexPred(Pattern.compile("^/(usr/)?bin/(sh|bash)$", Pattern.MULTILINE));
    assertThat(lines.test("x\n/bin/sh\ny", null)).as("with |m a line is enough").isTrue();
  }

  @Test
  void poolNameFarAlongALongCommandLine() {
    RegexPred pred = new RegexPred(Pattern.compile(EXPRESSIONS.get(0), Pattern.CASE_INSENSITIVE));
    String pad = "-".repeat(500) + " ";
    assertThat(pred.test(pad + "-o stratum+tcp://pool.SUPPORTXMR.com:3333", null)).isTrue();
    assertThat(pred.test(pad + "-o stratum+tcp://pool.supportxmr.community:3333", null)).isFalse();
    assertThat(pred.test("supportxmr.com", null)).isTrue();
    assertThat(pred.test(pad + "nothing", null)).isFalse();
  }
}
