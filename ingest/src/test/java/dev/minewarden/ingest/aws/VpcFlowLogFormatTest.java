package dev.minewarden.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minewarden.core.event.Event;
import dev.minewarden.core.event.LogSource;
import dev.minewarden.ingest.CollectingSink;
import org.junit.jupiter.api.Test;

class VpcFlowLogFormatTest {
  private final VpcFlowLogFormat format = new VpcFlowLogFormat();

  @Test
  void parse_defaultV2WithHeader() {
    CollectingSink p = CollectingSink.parseResource(format, "samples/aws-vpc-flow-v2-default.log");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(7);
    Event ssh = p.events.get(0);
    assertThat(ssh.logSource()).isEqualTo(LogSource.exact("aws", "network_connection", "vpcflowlogs"));
    assertThat(ssh.sourceLine()).isEqualTo(2);
    assertThat(ssh.timestampMillis()).isEqualTo(1418530010000L);
    assertThat(ssh.host()).isEqualTo("eni-1235b8ca123456789");
    assertThat(ssh.get("SourceIp")).isEqualTo("172.31.16.139");
    assertThat(ssh.get("DestinationIp")).isEqualTo("172.31.16.21");
    assertThat(ssh.get("SourcePort")).isEqualTo(20641L);
    assertThat(ssh.get("DestinationPort")).isEqualTo(22L);
    assertThat(ssh.get("Protocol")).isEqualTo("tcp");
    assertThat(ssh.get("Packets")).isEqualTo(20L);
    assertThat(ssh.get("BytesSent")).isEqualTo(4249L);
    assertThat(ssh.get("Action")).isEqualTo("ACCEPT");
    assertThat(ssh.get("account-id")).isEqualTo("123456789010");
    assertThat(ssh.get("end")).isEqualTo(1418530070L);
    assertThat(p.events.get(1).get("Action")).isEqualTo("REJECT");
    assertThat(p.events.get(1).get("DestinationPort")).isEqualTo(3389L);
    assertThat(p.events.get(4).get("Protocol")).isEqualTo("icmp");
    assertThat(p.events.get(6).get("SourceIp")).isEqualTo("2001:db8:1234:a100:8d6e:3477:df66:f105");
  }

  @Test
  void parse_noDataAndSkipDataCarryOnlyTheirStatus() {
    CollectingSink p = CollectingSink.parseResource(format, "samples/aws-vpc-flow-v2-default.log");

    Event nodata = p.events.get(2);
    assertThat(nodata.get("log-status")).isEqualTo("NODATA");
    assertThat(nodata.has("SourceIp")).isFalse();
    assertThat(nodata.has("Action")).isFalse();
    assertThat(nodata.timestampMillis()).isEqualTo(1431280876000L);
    assertThat(p.events.get(3).get("log-status")).isEqualTo("SKIPDATA");
    assertThat(p.events.get(3).host()).isEqualTo("eni-11111111aaaaaaaaa");
    assertThat(p.events.get(0).has("log-status")).isFalse();
  }

  @Test
  void parse_customV3ByHeaderWithDoubleSpace() {
    var p = CollectingSink.parseResource(format, "samples/aws-vpc-flow-v3-custom-tcpflags.log");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(8);
    Event first = p.events.get(0);
    assertThat(first.host()).isEqualTo("i-01234567890123456");
    assertThat(first.get("vpc-id")).isEqualTo("vpc-abcdefab012345678");
    assertThat(first.get("tcp-flags")).isEqualTo(2L);
    assertThat(first.get("pkt-srcaddr")).isEqualTo("52.213.180.42");
    assertThat(first.get("type")).isEqualTo("IPv4");
    assertThat(first.get("BytesSent")).isEqualTo(568L);
    assertThat(first.get("DestinationPort")).isEqualTo(5001L);
    assertThat(first.has("Initiated")).isFalse();
    Event last = p.events.get(7);
    assertThat(last.get("DestinationPort")).isEqualTo(43638L);
    assertThat(last.get("tcp-flags")).isEqualTo(19L);
  }

  @Test
  void parse_customV5DerivesInitiatedFromDirectionAndFlags() {
    CollectingSink p = CollectingSink.parseResource(format, "samples/aws-vpc-flow-v5-custom.log");

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(2);
    Event in = p.events.get(0);
    assertThat(in.get("region")).isEqualTo("ap-southeast-2");
    assertThat(in.get("az-id")).isEqualTo("apse2-az3");
    assertThat(in.get("pkt-src-aws-service")).isEqualTo("S3");
    assertThat(in.has("sublocation-type")).isFalse();
    assertThat(in.get("flow-direction")).isEqualTo("ingress");
    // ingress with SYN-ACK (19): the remote side answered, so the instance opened the connection
    assertThat(in.get("Initiated")).isEqualTo(true);
    Event out = p.events.get(1);
    assertThat(out.get("traffic-path")).isEqualTo(8L);
    assertThat(out.get("Initiated")).isEqualTo(true);
    assertThat(out.host()).isEqualTo("i-0c50d5961bcb2d47b");
  }

  @Test
  void parse_headerlessDefaultAsCloudWatchDelivers() {
    String text = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 "
        + "4249 1418530010 1418530070 ACCEPT OK\n"
        + "2 123456789010 eni-1235b8ca123456789 10.0.0.1 10.0.0.2 5 6 99 1 2 1418530010 "
        + "1418530070 ACCEPT OK\r\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.malformed).isEmpty();
    assertThat(p.events).hasSize(2);
    assertThat(p.events.get(1).get("Protocol")).isEqualTo("99");
    assertThat(p.events.get(1).get("log-status")).isNull();
  }

  @Test
  void parse_headerlessCustomFileIsReportedLineByLine() {
    byte[] v5 = CollectingSink.resourceBytes("samples/aws-vpc-flow-v5-custom.log");
    String text = new String(v5, java.nio.charset.StandardCharsets.UTF_8);
    String withoutHeader = text.substring(text.indexOf('\n') + 1);
    CollectingSink p = CollectingSink.parse(format, withoutHeader);

    assertThat(p.events).isEmpty();
    assertThat(p.malformed).hasSize(2);
    assertThat(p.malformed.get(0).line()).isEqualTo(1);
    assertThat(p.malformed.get(0).reason()).contains("29 fields").contains("header");
  }

  @Test
  void parse_numberFieldHoldingTextIsMalformed() {
    String text = "version srcaddr dstaddr srcport dstport protocol start end\n"
        + "5 10.0.0.1 10.0.0.2 80 443 six 1 2\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 1 2\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(2L);
    assertThat(p.malformed.get(0).reason()).isEqualTo("protocol is not a number");
    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).host()).isNull();
  }

  @Test
  void parse_aRecordLongerThanColumnBoundsCanHoldIsMalformedAndTheNextIsRead() {
    String text = "version srcaddr dstaddr action\n"
        + "5 10.0.0.1 10.0.0.2 " + "A".repeat(70_000) + "\n"
        + "5 10.0.0.1 10.0.0.2 ACCEPT\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(2L);
    assertThat(p.malformed.get(0).reason()).isEqualTo("a record longer than 65535 bytes");
    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).get("Action")).isEqualTo("ACCEPT");
  }

  @Test
  void pieces_parseTheBytesInPlaceAsTheStreamDoes_andLeaveThemAsTheyWere() throws Exception {
    String odd = "version srcaddr dstaddr srcport dstport protocol packets start end action\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010 1418530070 ACCEPT\r\n"
        + "5 10.0.0.1 10.0.0.2 80 -443 6 3 1418530010 1418530070 ACCEPT\n"
        + "\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010 " + "9".repeat(40) + " ACCEPT\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010 1418530070 REJECT\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010 1418530070";
    java.util.List<byte[]> inputs = new java.util.ArrayList<>();
    inputs.add(odd.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String sample : java.util.List.of("samples/aws-vpc-flow-v2-default.log",
        "samples/aws-vpc-flow-v3-custom-tcpflags.log", "samples/aws-vpc-flow-v5-custom.log")) {
      inputs.add(CollectingSink.resourceBytes(sample));
    }
    dev.minewarden.ingest.SourceContext ctx = dev.minewarden.ingest.SourceContext.of("piece.log", 0);
    for (byte[] input : inputs) {
      byte[] bytes = java.util.Arrays.copyOf(input, input.length + 5);
      java.util.Arrays.fill(bytes, input.length, bytes.length, (byte) '7'); // not the piece's
      byte[] before = bytes.clone();
      CollectingSink inPlace = new CollectingSink();
      format.pieces().parse(null, bytes, input.length, 7, ctx, inPlace);
      CollectingSink streamed = new CollectingSink();
      format.pieces().parse(null, new java.io.ByteArrayInputStream(input), 7, ctx, streamed);

      assertThat(bytes).isEqualTo(before);
      assertThat(inPlace.malformed).isEqualTo(streamed.malformed);
      assertThat(inPlace.events).hasSameSizeAs(streamed.events).isNotEmpty();
      for (int i = 0; i < inPlace.events.size(); i++) {
        Event a = inPlace.events.get(i);
        Event b = streamed.events.get(i);
        assertThat(a.fields()).isEqualTo(b.fields());
        assertThat(a.sourceLine()).isEqualTo(b.sourceLine());
        assertThat(a.timestampMillis()).isEqualTo(b.timestampMillis());
        assertThat(a.host()).isEqualTo(b.host());
      }
    }
  }

  @Test
  void pieces_scanCountsEveryLineEnd_andCarriesTheLayoutToTheNextPiece() throws Exception {
    String joined = "version srcaddr dstaddr srcport dstport protocol packets start end action\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010 1418530070 ACCEPT\r\n"
        + "\n"
        + "  5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010 1418530070 ACCEPT\n"
        + "version srcaddr dstaddr action\r\n"
        + "5\t10.9.9.9   10.8.8.8 REJECT\n"
        + "eni-1 oops\n"
        + "5 10.9.9.7 10.8.8.8 ACCEPT\n"
        + "version interface-id srcaddr dstaddr action\n"
        + "5 eni-0a 10.9.9.6 10.8.8.8 ACCEPT\n"
        + "5 eni-0b 10.9.9.5 10.8.8.8 REJECT";
    java.util.List<byte[]> inputs = new java.util.ArrayList<>();
    inputs.add(joined.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    inputs.add(CollectingSink.resourceBytes("samples/aws-vpc-flow-v5-custom.log"));
    dev.minewarden.ingest.SourceContext ctx = dev.minewarden.ingest.SourceContext.of("p.log", 0);
    dev.minewarden.ingest.FilePieces pieces = format.pieces();
    for (byte[] input : inputs) {
      CollectingSink whole = new CollectingSink();
      pieces.parse(null, input, input.length, 1, ctx, whole);
      int cuts = 0;
      for (int cut = 1; cut <= input.length; cut++) {
        if (input[cut - 1] != '\n') {
          continue;
        }
        cuts++;
        dev.minewarden.ingest.FilePieces.Scan scan = pieces.scan(null, input, cut);
        int end = cut;
        long newlines =
            java.util.stream.IntStream.range(0, end).filter(i -> input[i] == '\n').count();
        assertThat(scan.lines()).as("lines before %s", cut).isEqualTo(newlines);
        byte[] rest = java.util.Arrays.copyOfRange(input, cut, input.length);
        CollectingSink tail = new CollectingSink();
        pieces.parse(scan.state(), rest, rest.length, scan.lines() + 1, ctx, tail);
        java.util.List<Event> expected = whole.events.stream()
            .filter(e -> e.sourceLine() > scan.lines()).toList();
        assertThat(tail.events).as("events after line %s", scan.lines()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
          assertThat(tail.events.get(i).fields()).isEqualTo(expected.get(i).fields());
          assertThat(tail.events.get(i).sourceLine()).isEqualTo(expected.get(i).sourceLine());
        }
      }
      assertThat(cuts).isGreaterThan(2);
    }
  }

  @Test
  void parse_recordsAfterTheFirstTakeTheOnePassPathWithTheSameChecks() {
    String text = "version srcaddr dstaddr srcport dstport protocol packets start end action\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010 1418530070 ACCEPT\n"
        + "5 - - - - - - 1418530010 1418530070 -\n"
        + "5 10.0.0.1 10.0.0.2 80 -443 6 3 1418530010 1418530070 ACCEPT\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010 1418530070 ACCEPT extra\n"
        + "5 10.0.0.1 10.0.0.2 80 443 6 3 1418530010\n"
        + "5 10.0.0.1 10.0.0.2 80 4430000000000000000000 6 3 1418530010 1418530070 ACCEPT\n"
        // a second header mid-file (files joined together) switches the layout
        + "version srcaddr dstaddr action\n"
        + "5\t10.9.9.9   10.8.8.8 REJECT\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(4L, 5L, 6L, 7L);
    assertThat(p.malformed.get(0).reason()).isEqualTo("dstport is not a number");
    assertThat(p.malformed.get(1).reason()).contains("11 fields");
    assertThat(p.malformed.get(2).reason()).contains("8 fields");
    assertThat(p.malformed.get(3).reason()).isEqualTo("dstport is not a number");
    assertThat(p.events).hasSize(3);
    Event full = p.events.get(0);
    assertThat(full.fields()).containsOnlyKeys("SourceIp", "DestinationIp", "SourcePort",
        "DestinationPort", "Protocol", "Packets", "start", "end", "Action");
    assertThat(full.get("DestinationPort")).isEqualTo(443L);
    assertThat(full.timestampMillis()).isEqualTo(1418530010000L);
    Event empty = p.events.get(1);
    assertThat(empty.fields()).containsOnlyKeys("start", "end");
    assertThat(empty.has("SourceIp")).isFalse();
    Event joined = p.events.get(2);
    assertThat(joined.fields()).containsExactly(java.util.Map.entry("SourceIp", "10.9.9.9"),
        java.util.Map.entry("DestinationIp", "10.8.8.8"), java.util.Map.entry("Action", "REJECT"));
    assertThat(joined.sourceLine()).isEqualTo(9);
  }

  @Test
  void ipv4AndNumber_readFromTheRecordAgreeWithTheDecodedValues() {
    String odd = "version srcaddr dstaddr srcport dstport protocol packets start end action pkt-srcaddr\n"
        + "5 10.0.0.1 010.0.0.2 80 443 6 3 1418530010 1418530070 ACCEPT 256.1.1.1\n"
        + "5 - 2001:db8::1 80 443 6 3 1418530010 1418530070 ACCEPT 1.2.3.4.5\n"
        + "5 192.168.1.1 1.2.3 80 443 6 3 1418530010 1418530070 ACCEPT 10.0.0.9\n"
        + "5 10.0.0.3 10.0.0.4 - - 1 3 1418530010 1418530070 ACCEPT 10.0.0.9\n"; // ICMP: no ports
    // Two parses: the values of one are read first, so that the other's are read from the bytes.
    java.util.List<Event> events = new java.util.ArrayList<>();
    java.util.List<Event> decoded = new java.util.ArrayList<>();
    events.addAll(CollectingSink.parse(format, odd).events);
    decoded.addAll(CollectingSink.parse(format, odd).events);
    for (String sample : java.util.List.of("samples/aws-vpc-flow-v2-default.log",
        "samples/aws-vpc-flow-v3-custom-tcpflags.log", "samples/aws-vpc-flow-v5-custom.log")) {
      events.addAll(CollectingSink.parseResource(format, sample).events);
      decoded.addAll(CollectingSink.parseResource(format, sample).events);
    }
    int addresses = 0;
    int numbers = 0;
    for (int i = 0; i < events.size(); i++) {
      Event lazy = events.get(i);
      assertThat(lazy.isLazy()).isTrue();
      // Each field once or more, before and after another is read.
      for (String field : java.util.List.of("SourceIp", "DestinationIp", "SourceIp", "pkt-srcaddr",
          "DestinationIp", "pkt-srcaddr", "SourcePort", "Protocol", "Action", "log-status",
          "Initiated", "missing", "SourceIp")) {
        Object v = decoded.get(i).get(field);
        long expected = v instanceof String s ? dev.minewarden.core.event.DottedQuad.parse(s) : -1;
        assertThat(lazy.ipv4(field)).as("%s of %s", field, decoded.get(i)).isEqualTo(expected);
        addresses += expected >= 0 ? 1 : 0;
      }
      Event plain = decoded.get(i);
      for (int f = 0; f <= plain.fieldCount() + 1; f++) {
        // Every field the record has, then one no layout has and the port the parser reads
        // ahead, which a record may lack.
        String field = f < plain.fieldCount() ? plain.fieldName(f)
            : f == plain.fieldCount() ? "missing" : "DestinationPort";
        Object v = plain.get(field);
        assertThat(lazy.number(field)).as("number %s of %s", field, plain)
            .isEqualTo(v instanceof Long n ? n.longValue() : Event.NO_NUMBER);
        numbers += v instanceof Long ? 1 : 0;
      }
    }
    assertThat(numbers).isGreaterThan(100);
    assertThat(addresses).isGreaterThan(20);
    assertThat(events.get(0).ipv4("SourceIp")).isEqualTo(0x0A000001L);
    assertThat(events.get(0).ipv4("DestinationIp")).as("a leading zero: read as text").isEqualTo(-1);
    assertThat(events.get(2).ipv4("pkt-srcaddr")).isEqualTo(0x0A000009L);
    assertThat(events.get(0).ipv4("pkt-srcaddr")).isEqualTo(-1);
    assertThat(events.get(1).ipv4("SourceIp")).isEqualTo(-1);
  }

  @Test
  void parse_unknownFieldsAreKeptAsText() {
    String text = "version srcaddr dstaddr ecs-cluster-name reject-reason\n"
        + "7 10.0.0.1 10.0.0.2 prod-cluster BPA\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.malformed).isEmpty();
    assertThat(p.events.get(0).get("ecs-cluster-name")).isEqualTo("prod-cluster");
    assertThat(p.events.get(0).get("reject-reason")).isEqualTo("BPA");
  }

  @Test
  void parse_overlongLineIsReportedAndSkipped() {
    String text = "2 " + "x".repeat(dev.minewarden.ingest.LineFormat.MAX_LINE_CHARS + 10) + "\n"
        + "2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 2 17 1 2 1418530010 1418530070 ACCEPT OK\n";
    CollectingSink p = CollectingSink.parse(format, text);

    assertThat(p.malformed).extracting(CollectingSink.Malformed::line).containsExactly(1L);
    assertThat(p.events).hasSize(1);
    assertThat(p.events.get(0).sourceLine()).isEqualTo(2);
    assertThat(p.events.get(0).get("Protocol")).isEqualTo("udp");
  }
}
