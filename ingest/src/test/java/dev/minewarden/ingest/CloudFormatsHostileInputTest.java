package dev.minewarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.ingest.aws.CloudTrailFormat;
import dev.minewarden.ingest.aws.VpcFlowLogFormat;
import dev.minewarden.ingest.zeek.ZeekFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Junk, broken encodings and cut files are reported and skipped, never thrown or half-read. */
class CloudFormatsHostileInputTest {
  static java.util.List<LogFormat> formats() {
    return CloudFormatsSniffTest.FORMATS;
  }

  private static byte[] junk() {
    byte[] data = new byte[200_000];
    new Random(42).nextBytes(data);
    return data;
  }

  @ParameterizedTest
  @MethodSource("formats")
  void parse_binaryJunkIsReportedAndYieldsNoEvents(LogFormat format) {
    byte[] data = junk();
    CollectingSink p = CollectingSink.parse(format, "junk.bin", data);

    assertThat(format.sniff(data, 1 << 16)).isFalse();
    assertThat(p.events).isEmpty();
    assertThat(p.malformed).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("formats")
  void parse_truncatedJsonIsReported(LogFormat format) {
    var p = CollectingSink.parse(format, "{\"Records\":[{\"eventName\":\"RunInstances\",\"eventSo");

    assertThat(p.events).isEmpty();
    assertThat(p.malformed).hasSize(1);
  }

  @Test
  void parse_invalidUtf8IsReplacedNotFatal() {
    ByteArrayOutputStream vpc = new ByteArrayOutputStream();
    vpc.writeBytes("2 123456789010 eni-\u00ff".getBytes(StandardCharsets.ISO_8859_1));
    vpc.writeBytes(" 10.0.0.1 10.0.0.2 1 2 6 1 2 3 4 ACCEPT OK\n".getBytes(StandardCharsets.UTF_8));
    var flows = CollectingSink.parse(new VpcFlowLogFormat(), "bad.log", vpc.toByteArray());

    assertThat(flows.malformed).isEmpty();
    assertThat(flows.events.get(0).get("interface-id")).isEqualTo("eni-\ufffd");

    byte[] trail = ("{\"eventName\":\"X\",\"eventSource\":\"s\",\"userAgent\":\"a\u00c0b\"}\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    CollectingSink records = CollectingSink.parse(new CloudTrailFormat(), "bad.json", trail);

    // Reported with its line, and still parsed.
    assertThat(records.malformed).singleElement()
        .satisfies(m -> assertThat(m.reason()).startsWith("invalid UTF-8"));
    assertThat(records.events.get(0).get("userAgent")).isEqualTo("a\ufffdb");
  }

  @Test
  void parse_zeekLineOfNulBytesIsMalformed() {
    String text = "#fields\tts\tuid\n#types\ttime\tstring\n\0\0\0\0\n1591367999.3\tCx\n";
    CollectingSink p = CollectingSink.parse(new ZeekFormat(), text);

    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(3L);
    assertThat(p.events).hasSize(1);
  }
}
