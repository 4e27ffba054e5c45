package dev.minewarden.ingest.pcap;

import dev.minewarden.core.event.Event;
import dev.minewarden.ingest.EventSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng files: section header, interface description, enhanced, simple and (obsolete)
 * packet blocks; other blocks are skipped. Each section has its own byte order and interfaces, and
 * each interface its own timestamp resolution ({@code if_tsresol}) and offset ({@code
 * if_tsoffset}). Not thread-safe.
 */
final class PcapngReader implements CaptureReader {
  static final int SHB = 0x0A0D0D0A;
  private static final int IDB = 1;
  private static final int OPB = 2;
  private static final int SPB = 3;
  private static final int EPB = 6;
  private static final long BYTE_ORDER_MAGIC = 0x1A2B3C4DL;
  /** Blocks we read into memory are at most a frame plus generous room for options. */
  private static final int MAX_READ_BLOCK = MAX_FRAME + 65_536;
  /** More interfaces than this in one section is not a capture but an attack on our memory. */
  private static final int MAX_INTERFACES = 4096;

  private final ByteInput in;
  private final EventSink sink;
  private final byte[] head = new byte[8];
  private byte[] body = new byte[4096];
  private final List<Iface> interfaces = new ArrayList<>();
  private boolean little;
  private boolean sectionSeen;
  private long number;

  /** A capture interface of the current section. */
  private record Iface(int linkType, long snapLen, int tsResol, long tsOffsetSeconds) {}

  PcapngReader(ByteInput in, EventSink sink) {
    this.in = in;
    this.sink = sink;
  }

  /** Whether a file head looks like a pcapng section header block, in either byte order. */
  static boolean isMagic(byte[] b, int length) {
    if (length < 12 || ByteInput.u32(b, 0, true) != SHB) {
      return false;
    }
    return ByteInput.u32(b, 8, true) == BYTE_ORDER_MAGIC
        || ByteInput.u32(b, 8, false) == BYTE_ORDER_MAGIC;
  }

  @Override
  public boolean next(Frame frame) throws IOException {
    while (true) {
      int got = in.read(head, 0, 8);
      if (got == 0) {
        return false;
      }
      if (got < 8) {
        return fail("truncated block header (" + got + " of 8 bytes)");
      }
      // The section header's type reads the same in both byte orders, on purpose.
      if (ByteInput.u32(head, 0, true) == SHB) {
        if (!readSection()) {
          return false;
        }
        continue;
      }
      if (!sectionSeen) {
        return fail("first block is not a section header");
      }
      long type = ByteInput.u32(head, 0, little);
      long total = ByteInput.u32(head, 4, little);
      if (total < 12 || total % 4 != 0) {
        return fail("block length " + total + " is not a multiple of 4 of at least 12");
      }
      long bodyLen = total - 12;
      boolean wanted = type == IDB || type == EPB || type == SPB || type == OPB;
      if (!wanted || bodyLen > MAX_READ_BLOCK) {
        if (wanted) {
          // Length framing is intact, so the block can be stepped over rather than ending the file.
          sink.malformed(number + 1, "block of " + total + " bytes exceeds the limit; skipped", "");
        }
        if (in.skip(bodyLen) < bodyLen) {
          return fail("truncated block");
        }
        if (!readTrailer(total)) {
          return false;
        }
        continue;
      }
      if (!readBody((int) bodyLen) || !readTrailer(total)) {
        return false;
      }
      if (type == IDB) {
        addInterface((int) bodyLen);
      } else if (packet((int) type, (int) bodyLen, frame)) {
        return true;
      }
    }
  }

  /** A section header sets the byte order of itself and of the blocks that follow it. */
  private boolean readSection() throws IOException {
    byte[] magic = new byte[4];
    if (in.read(magic, 0, 4) < 4) {
      return fail("truncated section header");
    }
    if (ByteInput.u32(magic, 0, true) == BYTE_ORDER_MAGIC) {
      little = true;
    } else if (ByteInput.u32(magic, 0, false) == BYTE_ORDER_MAGIC) {
      little = false;
    } else {
      return fail("section header without byte-order magic");
    }
    long total = ByteInput.u32(head, 4, little);
    if (total < 28 || total % 4 != 0 || total - 12 > MAX_READ_BLOCK) {
      return fail("section header length " + total + " is invalid");
    }
    if (!readBody((int) total - 16) || !readTrailer(total)) {
      return false;
    }
    interfaces.clear();
    sectionSeen = true;
    return true;
  }

  private boolean readBody(int len) throws IOException {
    if (body.length < len) {
      body = new byte[Math.max(len, body.length * 2)];
    }
    int got = in.read(body, 0, len);
    if (got < len) {
      return fail("truncated block (" + got + " of " + len + " bytes)");
    }
    return true;
  }

  private boolean readTrailer(long total) throws IOException {
    byte[] t = new byte[4];
    if (in.read(t, 0, 4) < 4) {
      return fail("truncated block trailer");
    }
    if (ByteInput.u32(t, 0, little) != total) {
      return fail("block trailer length differs from its header");
    }
    return true;
  }

  private boolean fail(String reason) {
    sink.malformed(number + 1, reason + "; rest of file skipped", "");
    return false;
  }

  private void addInterface(int len) {
    if (len < 8) {
      sink.malformed(number + 1, "interface description too short", "");
      interfaces.add(new Iface(-1, 0, 6, 0));
      return;
    }
    if (interfaces.size() >= MAX_INTERFACES) {
      sink.malformed(number + 1, "more than " + MAX_INTERFACES + " interfaces; ignored", "");
      return;
    }
    int linkType = ByteInput.u16(body, 0, little);
    long snapLen = ByteInput.u32(body, 4, little);
    int tsResol = 6;
    long tsOffset = 0;
    int p = 8;
    // Options: code, length, value padded to 4; bounded by the block body.
    while (p + 4 <= len) {
      int code = ByteInput.u16(body, p, little);
      int optLen = ByteInput.u16(body, p + 2, little);
      p += 4;
      if (code == 0 || p + optLen > len) {
        break;
      }
      if (code == 9 && optLen >= 1) {
        tsResol = body[p] & 0xff;
      } else if (code == 14 && optLen >= 8) {
        tsOffset = ByteInput.u64(body, p, little);
      }
      p += (optLen + 3) & ~3;
    }
    interfaces.add(new Iface(linkType, snapLen, tsResol, tsOffset));
  }

  private boolean packet(int type, int len, Frame frame) {
    number++;
    int ifaceId;
    long ts;
    int dataOff;
    long capLen;
    long origLen;
    if (type == SPB) {
      if (len < 4) {
        sink.malformed(number, "simple packet block too short", "");
        return false;
      }
      ifaceId = 0;
      ts = -1;
      origLen = ByteInput.u32(body, 0, little);
      dataOff = 4;
      capLen = Math.min(origLen, len - 4L);
    } else {
      if (len < 20) {
        sink.malformed(number, "packet block too short", "");
        return false;
      }
      boolean obsolete = type == OPB;
      ifaceId = obsolete ? ByteInput.u16(body, 0, little) : (int) ByteInput.u32(body, 0, little);
      ts = ByteInput.u32(body, 4, little) << 32 | ByteInput.u32(body, 8, little);
      capLen = ByteInput.u32(body, 12, little);
      origLen = ByteInput.u32(body, 16, little);
      dataOff = 20;
    }
    if (ifaceId < 0 || ifaceId >= interfaces.size()) {
      sink.malformed(number, "packet of undeclared interface " + ifaceId, "");
      return false;
    }
    Iface iface = interfaces.get(ifaceId);
    if (type == SPB && iface.snapLen() > 0) {
      capLen = Math.min(capLen, iface.snapLen());
    }
    if (capLen > len - dataOff || capLen > MAX_FRAME) {
      sink.malformed(number, "captured length " + capLen + " exceeds its block", "");
      return false;
    }
    frame.number = number;
    frame.timeMillis = ts < 0 ? Event.NO_TIME : toMillis(ts, iface);
    frame.linkType = iface.linkType();
    frame.data = body;
    frame.offset = dataOff;
    frame.length = (int) capLen;
    frame.originalLength = origLen;
    return true;
  }

  /** Converts a timestamp in units of the interface's resolution to epoch ms. */
  static long toMillis(long ts, int tsResol, long offsetSeconds) {
    int exp = tsResol & 0x7f;
    long millis;
    if ((tsResol & 0x80) == 0) {
      if (exp >= 3) {
        millis = exp - 3 > 18 ? 0 : ts / pow10(exp - 3);
      } else {
        millis = ts * pow10(3 - exp);
      }
    } else {
      // ts * 1000 / 2^exp, computed in 128 bits so large exponents cannot overflow.
      long hi = Math.multiplyHigh(ts, 1000) + (ts >> 63 & 1000);
      long lo = ts * 1000;
      if (exp == 0) {
        millis = lo;
      } else if (exp < 64) {
        millis = lo >>> exp | hi << (64 - exp);
      } else {
        millis = exp - 64 >= 64 ? 0 : hi >>> (exp - 64);
      }
    }
    return millis + offsetSeconds * 1000;
  }

  private static long toMillis(long ts, Iface iface) {
    return toMillis(ts, iface.tsResol(), iface.tsOffsetSeconds());
  }

  private static long pow10(int n) {
    long r = 1;
    for (int i = 0; i < n; i++) {
      r *= 10;
    }
    return r;
  }
}
