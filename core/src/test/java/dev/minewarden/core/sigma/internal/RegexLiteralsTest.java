package dev.minewarden.core.sigma.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {
  @Test
  void required_longestPlainRun() {
    assertThat(RegexLiterals.required("curl\\s+http://[a-z]+/x\\.sh", false)).containsExactly("http://");
    assertThat(RegexLiterals.required("^/tmp/\\.xmrig[0-9]*$", false)).containsExactly("/tmp/.xmrig");
  }

  @Test
  void required_repeatedCharIsDropped() {
    assertThat(RegexLiterals.required("abcdx?yz", false)).containsExactly("abcd");
    assertThat(RegexLiterals.required("abcdx{0,3}", false)).containsExactly("abcd");
    assertThat(RegexLiterals.required("wgetx*", false)).containsExactly("wget");
  }

  @Test
  void required_alternativesAreJoined() {
    assertThat(RegexLiterals.required("wget|curl", false)).containsExactlyInAnyOrder("wget", "curl");
    assertThat(RegexLiterals.required("-(W|R)\\s?(\\s|\"|')([0-9a-f]{2}\\s?){2,20}", false))
        .containsExactlyInAnyOrder("-W", "-R");
    assertThat(RegexLiterals.required("(^|[\\s/@])(supportxmr\\.com|c3pool\\.(com|org))([:/]|$)", false))
        .containsExactlyInAnyOrder("supportxmr.com", "c3pool.com", "c3pool.org");
  }

  @Test
  void required_optionalOrUnknownBranchGivesNothing() {
    assertThat(RegexLiterals.required("(^|x)abc|.", false)).isEmpty();
    assertThat(RegexLiterals.required("(abc)?", false)).isEmpty();
    assertThat(RegexLiterals.required("(.){200,}", false)).isEmpty();
  }

  @Test
  void required_unreadableSyntaxGivesNothing() {
    assertThat(RegexLiterals.required("\\x41bcdef", false)).isEmpty();
    assertThat(RegexLiterals.required("\\Qa.b\\Eccc", false)).isEmpty();
    assertThat(RegexLiterals.required("abc{x}", false)).isEmpty();
    assertThat(RegexLiterals.required("(a)\\1bcdef", false)).isEmpty();
  }

  @Test
  void required_groupsAndClassesBreakRuns() {
    assertThat(RegexLiterals.required("xyz(foo|ba.)defg", false)).containsExactly("defg");
    assertThat(RegexLiterals.required("ab[]x]cdef[[:alpha:]]gh", false)).containsExactly("cdef");
    assertThat(RegexLiterals.required("\\bfoo\\b", false)).containsExactly("foo");
  }

  @Test
  void required_caseInsensitiveAvoidsLettersFoldingOutsideAscii() {
    assertThat(RegexLiterals.required("(?i)chmod", false)).containsExactly("chmod");
    assertThat(RegexLiterals.required("passwd", true)).containsExactly("pa");
    assertThat(RegexLiterals.required("(?i)xmrig", false)).containsExactly("xmrig");
  }

  /** The guard really is necessary: every value the expression finds contains one literal (folded). */
  @Test
  void required_isContainedInEveryMatch() {
    List<String> regexes = List.of("curl\\s+-[a-z]*o\\s+/tmp/", "(?i)stratum\\+tcp://", "nc -e /bin/.?sh",
        "base64 -d\\s*\\|\\s*(ba)?sh", "[0-9]{1,3}\\.pool\\.[a-z]+", "(?i)(xm|mo)rig(\\.exe)?\\b",
        "-(W|R)\\s?(\\s|\"|')([0-9a-fA-F]{2}\\s?){2,20}(\\s|\"|')", "(a|b)(c|d)(e|f)x+y");
    List<String> values = List.of("curl -sLo /tmp/x", "STRATUM+TCP://pool", "nc -e /bin/sh", "nc -e /bin/bash",
        "echo x| base64 -d | bash", "1.pool.com", "xx", "Stratum+tcp://", "ſtratum+tcp://", "XMRIG", "moriG.exe",
        "pnscan -W \"aa bb cc\" ", "bcexxy", "adfxy");
    for (String re : regexes) {
      Pattern p = Pattern.compile(re);
      List<String> lits = RegexLiterals.required(re, false).stream().map(Fold::fold).toList();
      assertThat(lits).as(re).isNotEmpty();
      for (String v : values) {
        if (p.matcher(v).find()) {
          assertThat(lits).as(re + " on " + v).anyMatch(l -> Fold.fold(v).contains(l));
        }
      }
    }
  }

  @Test
  void allRequired_everyRequiredPartOfATopLevelSequence() {
    assertThat(RegexLiterals.allRequired("\\|\\s*(/usr)?(/bin/)?(ba|da|z)?sh(\\s|;|$)"))
        .containsExactly(java.util.Set.of("|"), java.util.Set.of("sh"));
    assertThat(RegexLiterals.allRequired("-(W|R)\\s?x")).containsExactly(java.util.Set.of("-W", "-R"), java.util.Set.of("x"));
    assertThat(RegexLiterals.allRequired("ab|cd")).isEmpty();
    assertThat(RegexLiterals.allRequired("(?i)abc")).isEmpty();
  }

  @Test
  void test_prefilterNeverChangesTheResult() {
    List<String> regexes = List.of("\\|\\s*(/usr)?(/bin/)?(ba|da|z)?sh(\\s|;|$)",
        "-(W|R)\\s?(\\s|\"|')([0-9a-fA-F]{2}\\s?){2,20}(\\s|\"|')", "\\s-[FTd]\\s", "(sysctl\\s|>)");
    List<String> values = List.of("curl x | sh", "curl x |bash;", "pnscan -W \"aa bb\" ", "pnscan -w \"aa bb\" ",
        "curl -F x", "sysctl -w vm.nr_hugepages=128", "echo 1 > /proc/x", "sh", "|", "");
    for (String re : regexes) {
      Pattern p = Pattern.compile(re);
      RegexPred pred = new RegexPred(p);
      for (String v : values) {
        assertThat(pred.test(v, null)).as(re + " on " + v).isEqualTo(p.matcher(v).find());
      }
    }
  }
}
