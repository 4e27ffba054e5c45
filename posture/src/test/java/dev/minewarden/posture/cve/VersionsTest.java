package dev.minewarden.posture.cve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionsTest {
  @ParameterizedTest
  @CsvSource({
      "2.0-beta9, 2.0, -1", "2.0, 2.0.1, -1", "2.14.1, 2.15.0, -1", "7.13.10, 7.13.7, 1", "8.5.4, 8.5.4, 0",
      "2.426.3, 2.427, -1", "12.2.1.4, 12.2.1.4.1, -1", "5.18.3, 5.18.2, 1", "3000.2, 2019.2.4, 1",
      "2.0.rc1, 2.0.1, -1", "1.0.0, 1.0, 1"})
  void compare_upstream(String a, String b, int sign) {
    assertThat(Integer.signum(Versions.compare(a, b))).isEqualTo(sign);
    assertThat(Integer.signum(Versions.compare(b, a))).isEqualTo(-sign);
  }

  @ParameterizedTest
  @CsvSource({
      "2.36-9+deb12u3, 2.36-9+deb12u10, -1", "1:1.0, 2.0, 1", "1.0~rc1, 1.0, -1", "2.35-0ubuntu3.4, 2.35-0ubuntu3.10, -1",
      "2.36-9, 2.36-9+deb12u1, -1", "1.2.3-1, 1.2.3-1, 0", "1.0a, 1.0+, -1"})
  void compare_dpkg(String a, String b, int sign) {
    assertThat(Integer.signum(Versions.compareDpkg(a, b))).isEqualTo(sign);
    assertThat(Integer.signum(Versions.compareDpkg(b, a))).isEqualTo(-sign);
  }

  @ParameterizedTest
  @CsvSource({"2.401.3-lts-jdk17, false, 2.401.3", "v1.2.3, false, 1.2.3", "latest, false, ''",
      "1:2.36-9+deb12u3, true, 2.36", "8.5.3-jdk17, false, 8.5.3"})
  void upstream_extractsLeadingVersion(String v, boolean debian, String expected) {
    assertThat(Versions.upstream(v, debian)).isEqualTo(expected);
  }
}
