package dev.minewarden.ingest.pcap;

import dev.minewarden.core.event.Event;

/**
 * One captured frame as a capture reader hands it over. Mutable and reused from frame to frame by
 * its reader: a consumer must copy what it keeps. Not thread-safe.
 */
final class Frame {
  /** The 1-based number of the frame in its file: the "line" of malformed-record reports. */
  long number;
  /** Capture time in epoch ms, or {@link Event#NO_TIME} (pcapng simple packet blocks have none). */
  long timeMillis = Event.NO_TIME;
  /** The link-layer header type (LINKTYPE_*). */
  int linkType;
  /** The bytes; valid from {@link #offset} for {@link #length} bytes. */
  byte[] data = new byte[0];
  int offset;
  /** Captured length in bytes. */
  int length;
  /** Length on the wire in bytes (at least {@link #length} for a well-formed capture). */
  long originalLength;
}
