package dev.minewarden.ingest.auditd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditValuesTest {

  @Test
  void inetAddress_ipv4AndIpv6Forms() {
    assertThat(AuditValues.inetAddress("02000D05C0A801050000000000000000"))
        .containsExactly("192.168.1.5", "3333");
    assertThat(AuditValues.inetAddress(
        "0A000D0500000000FE800000000000000000000000000001000000000000"))
        .containsExactly("fe80::1", "3333");
    assertThat(AuditValues.inetAddress(
        "0A0001BB0000000020010DB8000000000001000000000000000000000000"))
        .containsExactly("2001:db8:0:0:1::", "443");
    assertThat(AuditValues.inetAddress(
        "0A000050000000000000000000000000000000000000000000000000"))
        .containsExactly("::", "80");
  }

  @Test
  void inetAddress_ipv4MappedShownAsIpv4() {
    assertThat(AuditValues.inetAddress(
        "0A000D050000000000000000000000000000FFFFCB00710700000000"))
        .containsExactly("203.0.113.7", "3333");
  }

  @Test
  void inetAddress_otherFamiliesAndShortRecordsAreNull() {
    assertThat(AuditValues.inetAddress("01002F746D702F736F636B00")).isNull();
    assertThat(AuditValues.inetAddress("0A000D0500000000FE80")).isNull();
    assertThat(AuditValues.inetAddress("0200")).isNull();
    assertThat(AuditValues.inetAddress("not hex")).isNull();
    assertThat(AuditValues.inetAddress(null)).isNull();
  }
}
